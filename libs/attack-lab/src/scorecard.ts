import type { Attack } from './attack';
import type { LabTarget } from './lab-target';
import { Scene } from './scene';

/**
 * The three verdicts a lab run can reach. `could-not-run` is never folded
 * into the other two: a setup failure (a throttled login, a 500) says
 * nothing about whether the control works.
 */
export type Verdict = 'blocked' | 'succeeded' | 'could-not-run';

export interface ScoredAttack {
  readonly attack: Attack;
  readonly result: { readonly outcome: Verdict; readonly evidence: string };
}

/** Runs attacks one after another against one target (they share victims through the Scene). */
export async function runAttacks(target: LabTarget, attacks: readonly Attack[]): Promise<ScoredAttack[]> {
  const scene = new Scene(target);
  const scored: ScoredAttack[] = [];
  for (const attack of attacks) {
    try {
      scored.push({ attack, result: await attack.run(target, scene) });
    } catch (error) {
      scored.push({ attack, result: { outcome: 'could-not-run', evidence: (error as Error).message } });
    }
  }
  return scored;
}

export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = {
  blocked: 'BLOCKED',
  succeeded: 'GOT THROUGH',
  'could-not-run': 'COULD NOT RUN',
};

export interface ScorecardFormat {
  /** Full evidence and the attack's title instead of one truncated line. */
  readonly verbose?: boolean;
  /** Evidence is cut to this many characters unless verbose. */
  readonly evidenceWidth?: number;
}

/** One row per attack, columns as wide as their widest cell. */
export function formatScorecard(scored: readonly ScoredAttack[], format: ScorecardFormat = {}): string {
  const cells = scored.map(({ attack, result }) => [
    VERDICT_LABELS[result.outcome],
    attack.id,
    attack.controls.length ? attack.controls.join('+') : '(always on)',
    result.evidence,
  ]);
  const header = ['RESULT', 'ATTACK', 'CONTROL', 'EVIDENCE'];
  const widths = [0, 1, 2].map((column) => Math.max(header[column].length, ...cells.map((row) => row[column].length)));
  const line = (row: string[]) => row.slice(0, 3).map((cell, column) => cell.padEnd(widths[column])).join('  ');
  const cut = (text: string) => (format.verbose || text.length <= (format.evidenceWidth ?? 100) ? text : `${text.slice(0, (format.evidenceWidth ?? 100) - 1)}…`);
  const rows = cells.map((row, index) =>
    format.verbose ? `${line(row)}  ${scored[index].attack.title}\n${' '.repeat(4)}${row[3].split('\n').join(`\n${' '.repeat(4)}`)}` : `${line(row)}  ${cut(row[3])}`,
  );
  return [`${line(header)}  ${format.verbose ? 'TITLE / EVIDENCE' : header[3]}`, ...rows].join('\n');
}

export interface Tally {
  readonly blocked: number;
  readonly succeeded: number;
  readonly couldNotRun: number;
}

export function tally(scored: readonly ScoredAttack[]): Tally {
  const count = (verdict: Verdict) => scored.filter((s) => s.result.outcome === verdict).length;
  return { blocked: count('blocked'), succeeded: count('succeeded'), couldNotRun: count('could-not-run') };
}
