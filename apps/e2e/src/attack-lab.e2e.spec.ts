import { ATTACKS, LabTarget, runAttacks, type Attack } from '@shop/attack-lab';
import { startTestPlatform, type TestPlatform } from '@shop/testing';

/**
 * Every attack of the lab, twice: blocked with all controls on, and
 * succeeding once the lab switches off exactly the control(s) it names.
 * The second half is what proves each control does the blocking.
 */
function groupByControls(attacks: readonly Attack[]): Array<[string, Attack[]]> {
  const groups = new Map<string, Attack[]>();
  for (const attack of attacks.filter((a) => a.controls.length > 0)) {
    const key = attack.controls.join(',');
    groups.set(key, [...(groups.get(key) ?? []), attack]);
  }
  return [...groups.entries()];
}

async function attack(labDisable: string | undefined, attacks: readonly Attack[]) {
  let platform: TestPlatform | undefined;
  let target: LabTarget | undefined;
  try {
    platform = await startTestPlatform({ label: `lab${labDisable ? labDisable.replace(/\W/g, '').slice(0, 10) : 'secure'}`, labDisable });
    target = new LabTarget(platform.gatewayUrl, platform.devDir, platform.portOffset);
    return new Map((await runAttacks(target, attacks)).map((s) => [s.attack.id, s.result]));
  } finally {
    await target?.close();
    await platform?.destroy();
  }
}

describe('attack lab, every control on', () => {
  let results: Awaited<ReturnType<typeof attack>>;
  beforeAll(async () => {
    results = await attack(undefined, ATTACKS);
  });

  it.each(ATTACKS.map((a) => [a.id]))('blocks %s', (id) => {
    expect(results.get(id)).toMatchObject({ outcome: 'blocked' });
  });
});

describe.each(groupByControls(ATTACKS))('attack lab with %s switched off', (controls, attacks) => {
  let results: Awaited<ReturnType<typeof attack>>;
  beforeAll(async () => {
    results = await attack(controls, attacks);
  });

  it.each(attacks.map((a) => [a.id]))('lets %s through', (id) => {
    expect(results.get(id)).toMatchObject({ outcome: 'succeeded' });
  });
});

const bola = ATTACKS.filter((a) => a.id.startsWith('bola-'));

describe('row-level security alone', () => {
  let results: Awaited<ReturnType<typeof attack>>;
  beforeAll(async () => {
    // The application forgets the owner filter; only PostgreSQL RLS is left.
    results = await attack('ownership', bola);
  });

  it.each(bola.map((a) => [a.id]))('still blocks %s', (id) => {
    expect(results.get(id)).toMatchObject({ outcome: 'blocked' });
  });
});

describe('the application-level owner filter alone', () => {
  let results: Awaited<ReturnType<typeof attack>>;
  beforeAll(async () => {
    // PostgreSQL RLS is off (migrate disables it); only the owner filter of OwnedRepository is left.
    results = await attack('rls', bola);
  });

  it.each(bola.map((a) => [a.id]))('still blocks %s', (id) => {
    expect(results.get(id)).toMatchObject({ outcome: 'blocked' });
  });
});
