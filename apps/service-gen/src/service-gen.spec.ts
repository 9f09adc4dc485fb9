import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICES, SERVICE_NAMES } from '@shop/topology';
import { nextPorts } from './scaffold';
import { serviceNaming } from './service-names';
import { MARKERS, insertAboveMarker } from './text-insertion';

const ROOT = join(__dirname, '../../..');

describe('service names', () => {
  it('derives every spelling from one lower-case name', () => {
    expect(serviceNaming('shipping')).toEqual({ name: 'shipping', pascal: 'Shipping', contractConst: 'SHIPPING_V1' });
  });

  it.each(['Shipping', 'ship-ping', 'ship_ping', '1ship', 's', '../x'])('refuses %s, which some target (proto, k8s, schema, SPIFFE) could not spell', (name) => {
    expect(() => serviceNaming(name)).toThrow(/lower-case letters or digits/);
  });
});

describe('insertions above markers', () => {
  it('inserts whole lines above the marker line, keeping its indentation', () => {
    expect(insertAboveMarker("[\n  'a',\n  // mark\n]", '// mark', "  'b',\n", 'f.ts')).toBe("[\n  'a',\n  'b',\n  // mark\n]");
  });

  it('names the file when the marker is gone', () => {
    expect(() => insertAboveMarker('x', '// mark', 'y', 'f.ts')).toThrow('f.ts: marker "// mark" not found');
  });

  // The generator depends on these lines; this fails when an edit drops one.
  it.each([
    ['libs/topology/src/services.ts', [MARKERS.contractImports, MARKERS.serviceNames, MARKERS.serviceEntries]],
    ['libs/topology/src/rpc-policies.ts', [MARKERS.contractImports, MARKERS.rpcLines]],
    ['libs/contracts/src/proto-files.ts', [MARKERS.contracts]],
    ['libs/contracts/src/index.ts', [MARKERS.typeExports]],
  ])('%s keeps its markers, once each', (file, markers) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const marker of markers) expect(text.split(marker)).toHaveLength(2);
  });
});

it('picks the ports right after the highest ones in use, so none collides and none moves', () => {
  const { grpcPort, opsPort } = nextPorts();
  const used = SERVICE_NAMES.flatMap((n) => [SERVICES[n].grpcPort, SERVICES[n].opsPort, SERVICES[n].httpsPort]);
  expect(used).not.toContain(grpcPort);
  expect(used).not.toContain(opsPort);
  expect(used).toEqual(expect.arrayContaining([grpcPort - 1, opsPort - 1]));
});
