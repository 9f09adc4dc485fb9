import { ATTACKS, LabTarget, runAttacks } from '@shop/attack-lab';
import { startTestPlatform } from '@shop/testing';

const MINE = ATTACKS.filter((a) => ['json-nesting-stack-overflow', 'nul-in-string-to-database', 'slow-body-slot-exhaustion', 'idle-connections-one-address'].includes(a.id));

async function attack(labDisable: string | undefined) {
  const platform = await startTestPlatform({ label: `zz${labDisable ?? 'on'}`.replace(/\W/g, ''), labDisable });
  const target = new LabTarget(platform.gatewayUrl, platform.devDir, platform.portOffset);
  try {
    const scored = await runAttacks(target, MINE.filter((a) => !labDisable || a.controls.includes(labDisable as never)));
    return scored.map((s) => `${s.attack.id} ${s.result.outcome} ${s.result.evidence}`);
  } finally {
    await target.close();
    await platform.destroy();
  }
}

it.each([[undefined], ['edge-limits'], ['input-shape']])('lab %s', async (off) => {
  const lines = await attack(off);
  console.log(String(off), lines.join('\n'));
}, 300_000);
