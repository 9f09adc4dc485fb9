import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, exportJWK, generateKeyPair } from 'jose';
import { isUuid, type Principal } from '@shop/contracts';
import type { ServiceRuntime } from '@shop/platform';
import { createServiceDataSource } from '@shop/persistence';
import { AccessTokenIssuer } from '@shop/security/access-token';
import { SECRET_FILES, SecretFiles, writeFileAtomic } from '@shop/security/secrets';
import { createTestDatabase, type TestDatabase } from '@shop/testing';
import type { DataSource } from 'typeorm';
import { AUTH_MIGRATIONS } from '../migrations';
import { UserEntity } from '../users/user.entity';
import { RefreshFamilyEntity } from './refresh-family.entity';
import { RefreshTokenEntity } from './refresh-token.entity';
import { TokenService } from './token.service';

const ROUNDS = 20;

/**
 * Integration: rotation, reuse detection and logout racing each other on a
 * real PostgreSQL. Each round fires the attempts together; a "survivor" is a
 * refresh token that still rotates after its family was revoked.
 */
describe('refresh-family races on PostgreSQL', () => {
  let database: TestDatabase;
  let owner: DataSource;
  let runtime: DataSource;
  let tokens: TokenService;
  let keysDir: string;
  let user: UserEntity;

  beforeAll(async () => {
    database = await createTestDatabase('families');
    const auth = database.services.get('auth');
    if (!auth) throw new Error('no auth service in the test database');
    owner = createServiceDataSource({ credentials: auth.owner, applicationName: 'families-test-migrate', migrations: AUTH_MIGRATIONS });
    await owner.initialize();
    await owner.runMigrations({ transaction: 'all' });
    runtime = createServiceDataSource({ credentials: auth.runtime, applicationName: 'families-test', poolSize: 20, entities: [UserEntity, RefreshTokenEntity, RefreshFamilyEntity] });
    await runtime.initialize();
    keysDir = mkdtempSync(join(tmpdir(), 'families-'));
    const files = new SecretFiles(keysDir);
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    writeFileAtomic(files.path(SECRET_FILES.accessTokenKeys), JSON.stringify({ keys: [{ ...(await exportJWK(privateKey)), kid: 'test', alg: 'ES256', use: 'sig' }] }));
    // The event sink is all TokenService reads from the runtime; revocation is on, as outside the lab.
    const serviceRuntime = { events: { emit: () => undefined } } as unknown as ServiceRuntime;
    tokens = new TokenService(runtime, serviceRuntime, await AccessTokenIssuer.create(files, false), true);
    user = Object.assign(new UserEntity(), { id: randomUUID(), email: 'racer@shop.test', passwordHash: '$argon2id$not-used', displayName: 'Racer', roles: ['customer'] });
    await owner.query('INSERT INTO users (id, email, password_hash, display_name, roles) VALUES ($1, $2, $3, $4, $5)', [user.id, user.email, user.passwordHash, user.displayName, user.roles]);
  }, 60_000);

  afterAll(async () => {
    await runtime?.destroy();
    await owner?.destroy();
    await database?.drop();
    if (keysDir) rmSync(keysDir, { recursive: true, force: true });
  });

  const principalOf = (sub: string): Principal => ({ sub, roles: ['customer'], scope: [], jti: randomUUID() });
  const principal = () => principalOf(user.id);
  const stillRotates = async (refreshToken: string | undefined) => (refreshToken ? tokens.refresh(refreshToken).then(() => true, () => false) : false);
  const settled = <T>(promise: Promise<T>) => promise.then((value) => value, () => undefined);

  it(`revokes the thief's concurrently rotated token when a reuse is detected (${ROUNDS} rounds)`, async () => {
    let survivors = 0;
    let reusesDetected = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const stolen = (await tokens.issueForLogin(user)).refreshToken;
      const thief = (await tokens.refresh(stolen)).refreshToken;
      // The honest user presents the rotated token (reuse) while the thief rotates again.
      const [reuse, thiefNext] = await Promise.all([
        tokens.refresh(stolen).then(() => 'accepted', (error: { code?: string }) => error.code),
        settled(tokens.refresh(thief)),
      ]);
      if (reuse === 'AUTH.REFRESH_REUSED') reusesDetected++;
      if (await stillRotates(thiefNext?.refreshToken)) survivors++;
    }
    expect(reusesDetected).toBe(ROUNDS);
    expect(survivors).toBe(0);
  }, 60_000);

  it(`leaves nothing alive when refresh and logout race (${ROUNDS} rounds)`, async () => {
    let survivors = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const session = (await tokens.issueForLogin(user)).refreshToken;
      const [refreshed] = await Promise.all([settled(tokens.refresh(session)), tokens.logout(principal(), session, undefined)]);
      if (await stillRotates(refreshed?.refreshToken)) survivors++;
    }
    expect(survivors).toBe(0);
  }, 60_000);

  it("ends the session named by the access token's sid when logout carries no refresh token", async () => {
    const pair = await tokens.issueForLogin(user);
    const sid = decodeJwt(pair.accessToken).sid as string;
    expect(isUuid(sid)).toBe(true);
    await tokens.logout(principalOf(randomUUID()), undefined, sid); // another user naming this sid: ignored
    const next = await tokens.refresh(pair.refreshToken);
    expect(decodeJwt(next.accessToken).sid).toBe(sid); // rotation stays in the session
    await tokens.logout(principal(), undefined, sid);
    expect(await stillRotates(next.refreshToken)).toBe(false);
  });
});
