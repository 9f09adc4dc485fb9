import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { prepareDevSecrets } from '@shop/dev-platform';
import { dropDatabase } from '@shop/persistence';
import { SECRET_FILES } from '@shop/security/secrets';
import { testAdminConnection, uniqueDatabaseName } from '@shop/testing';
import { GRPC_SERVICES, SERVICES, SERVICE_NAMES } from '@shop/topology';
import { secretFilesOf } from './secret-mounts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

// The pods mount each file by name (a missing key stops the pod), so the list must
// match what the bootstrap really writes: run the one `npm start` uses and compare.
describe('secret mounts in the pods', () => {
  const admin = testAdminConnection();
  const database = uniqueDatabaseName('k8smounts');
  const devDir = mkdtempSync(join(tmpdir(), 'k8s-secret-mounts-'));
  beforeAll(() => prepareDevSecrets({ devDir, trustDomain: 'shop.local', admin, database }), 60_000);
  afterAll(async () => {
    rmSync(devDir, { recursive: true, force: true });
    await dropDatabase(admin, database, GRPC_SERVICES);
  });

  it.each(SERVICE_NAMES.map((s) => [s]))('%s: exactly the files the dev bootstrap writes into SECRETS_DIR/%s/', (service) => {
    expect([...secretFilesOf(service)].sort()).toEqual(filesUnder(join(devDir, 'secrets', service)));
  });

  it('the migration owner folder holds the owner credentials only', () => {
    for (const service of SERVICE_NAMES.filter((s) => SERVICES[s].schema)) {
      expect(filesUnder(join(devDir, 'secrets', `${service}-migrate`))).toEqual([SECRET_FILES.ownerDb]);
    }
  });
});
