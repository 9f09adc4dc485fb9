import type { Attack, AttackResult } from './attack';
import type { LabTarget } from './lab-target';
import { Scene } from './scene';

export interface ScoredAttack {
  readonly attack: Attack;
  readonly result: AttackResult | { readonly outcome: 'error'; readonly evidence: string };
}

/** Runs attacks one after another against one target (they share victims through the Scene). */
export async function runAttacks(target: LabTarget, attacks: readonly Attack[]): Promise<ScoredAttack[]> {
  const scene = new Scene(target);
  const scored: ScoredAttack[] = [];
  for (const attack of attacks) {
    try {
      scored.push({ attack, result: await attack.run(target, scene) });
    } catch (error) {
      scored.push({ attack, result: { outcome: 'error', evidence: (error as Error).message } });
    }
  }
  return scored;
}

export function formatScorecard(scored: readonly ScoredAttack[]): string {
  const rows = scored.map(({ attack, result }) => {
    const control = attack.controls.length ? attack.controls.join('+') : '(always on)';
    const verdict = result.outcome === 'blocked' ? 'BLOCKED ' : result.outcome === 'succeeded' ? 'SUCCEEDED' : 'ERROR   ';
    return `${verdict}  ${attack.id.padEnd(34)} ${control.padEnd(18)} ${result.evidence.slice(0, 110)}`;
  });
  return [`${'RESULT'.padEnd(9)}  ${'ATTACK'.padEnd(34)} ${'CONTROL'.padEnd(18)} EVIDENCE`, ...rows].join('\n');
}
