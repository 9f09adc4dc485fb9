import type { Attack } from './attack';
import { formatScorecard, runAttacks, tally } from './scorecard';
import type { LabTarget } from './lab-target';

const attack = (id: string, run: Attack['run'], controls: Attack['controls'] = ['rbac']): Attack => ({ id, title: `title of ${id}`, controls, run });

describe('runAttacks and the scorecard', () => {
  const target = {} as LabTarget; // the attacks below never touch it
  const attacks = [
    attack('a-blocked', async () => ({ outcome: 'blocked', evidence: '403 AUTH.FORBIDDEN' })),
    attack('a-much-longer-attack-id', async () => ({ outcome: 'succeeded', evidence: '200' }), []),
    attack('setup-fails', async () => {
      throw new Error('lab setup: login bob@shop.local failed: 429 REQUEST.RATE_LIMITED');
    }),
  ];

  it('keeps a thrown setup failure apart from both blocked and got through', async () => {
    const scored = await runAttacks(target, attacks);
    expect(scored.map((s) => s.result.outcome)).toEqual(['blocked', 'succeeded', 'could-not-run']);
    expect(tally(scored)).toEqual({ blocked: 1, succeeded: 1, couldNotRun: 1 });
  });

  it('aligns every column to its widest cell and names the three outcomes', async () => {
    const lines = formatScorecard(await runAttacks(target, attacks)).split('\n');
    expect(lines.map((line) => line.slice(0, 13).trim())).toEqual(['RESULT', 'BLOCKED', 'GOT THROUGH', 'COULD NOT RUN']);
    const controlColumn = lines.map((line) => line.search(/(CONTROL|rbac|\(always on\))/));
    expect(new Set(controlColumn).size).toBe(1);
  });

  it('cuts long evidence unless verbose, which also shows the title', async () => {
    const long = [attack('long', async () => ({ outcome: 'blocked', evidence: `x${'y'.repeat(300)}` }))];
    const scored = await runAttacks(target, long);
    expect(formatScorecard(scored)).not.toContain('y'.repeat(300));
    const verbose = formatScorecard(scored, { verbose: true });
    expect(verbose).toContain('y'.repeat(300));
    expect(verbose).toContain('title of long');
  });
});
