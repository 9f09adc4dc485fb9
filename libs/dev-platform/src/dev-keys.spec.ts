import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSigningKeys, promoteSigningKey, rotateSigningKeys, stageSigningKey } from './dev-keys';

const NAME = 'signing-keys.json';
const kidsOnDisk = (dir: string) => (JSON.parse(readFileSync(join(dir, NAME), 'utf8')) as { keys: Array<{ kid: string }> }).keys.map((k) => k.kid);

describe('signing key rotation in two steps', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dev-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stages a new key second, so the current key keeps signing until it is promoted', async () => {
    const [current] = await ensureSigningKeys(dir, NAME);
    const staged = await stageSigningKey(dir, NAME);
    expect(kidsOnDisk(dir)).toEqual([current.kid, staged[1].kid]);
    expect(promoteSigningKey(dir, NAME, staged[1].kid).map((k) => k.kid)).toEqual([staged[1].kid, current.kid]);
    expect(kidsOnDisk(dir)).toEqual([staged[1].kid, current.kid]);
  });

  it('keeps every older key through a rotation: removing one is a manual step', async () => {
    const [first] = await ensureSigningKeys(dir, NAME);
    const second = await rotateSigningKeys(dir, NAME);
    const third = await rotateSigningKeys(dir, NAME);
    expect(kidsOnDisk(dir)).toEqual([third[0].kid, second[0].kid, first.kid]);
  });

  it('refuses to promote a kid the set does not hold, and leaves the file as it was', async () => {
    const [current] = await ensureSigningKeys(dir, NAME);
    expect(() => promoteSigningKey(dir, NAME, 'dev-never-staged')).toThrow(/stage it first/);
    expect(kidsOnDisk(dir)).toEqual([current.kid]);
  });

  it('rotates in one step for verifiers that look an unknown kid up themselves', async () => {
    const [current] = await ensureSigningKeys(dir, NAME);
    const keys = await rotateSigningKeys(dir, NAME);
    expect(keys[1].kid).toBe(current.kid);
    expect(kidsOnDisk(dir)).toEqual([keys[0].kid, current.kid]);
  });
});
