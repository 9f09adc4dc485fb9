import type { LabControl } from '@shop/config';
import type { ErrorCode } from '@shop/contracts';
import type { LabTarget } from './lab-target';
import type { Scene } from './scene';

export type Outcome = 'blocked' | 'succeeded';

export interface AttackResult {
  readonly outcome: Outcome;
  /** What the attacker saw, e.g. `PERMISSION_DENIED PEER.DENIED` or `200 with 3 foreign orders`. */
  readonly evidence: string;
}

export interface Attack {
  readonly id: string;
  readonly title: string;
  /**
   * The lab switches that must ALL be off for this attack to succeed (several
   * when controls back each other up, e.g. ownership + rls). Empty: no switch
   * exists, the check is always on, and the attack must always be blocked.
   */
  readonly controls: readonly LabControl[];
  run(target: LabTarget, scene: Scene): Promise<AttackResult>;
}

export const blocked = (evidence: string): AttackResult => ({ outcome: 'blocked', evidence });
export const succeeded = (evidence: string): AttackResult => ({ outcome: 'succeeded', evidence });

/**
 * Blocked means refused for the right reason: the stable code of the check
 * that should stop the attack. A 200 is the attacker's success. Any other
 * answer (a 500, a different code) throws: a lab run never counts an
 * unrelated failure as "blocked".
 */
export function httpVerdict(status: number, code: unknown, expected: ErrorCode): AttackResult {
  if (status >= 200 && status < 300) return succeeded(`${status}: accepted`);
  if (code !== expected) throw new Error(`expected ${expected}, got ${status} ${String(code)}`);
  return blocked(`${status} ${String(code)}`);
}
