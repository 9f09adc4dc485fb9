import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { VERDICT_LABELS, type ScoredAttack, type Verdict } from '@shop/attack-lab';

/** What a run leaves behind for the next one to compare against. */
interface SavedScorecard {
  readonly finishedAt: string;
  readonly gatewayUrl: string;
  readonly results: Record<string, Verdict>;
}

export const scorecardPath = (devDir: string) => join(devDir, 'attack-lab', 'last-scorecard.json');

export function loadScorecard(devDir: string): SavedScorecard | undefined {
  try {
    return JSON.parse(readFileSync(scorecardPath(devDir), 'utf8')) as SavedScorecard;
  } catch {
    return undefined;
  }
}

/** Written atomically (temp file + rename): an interrupted run never leaves half a scorecard. */
export function saveScorecard(devDir: string, gatewayUrl: string, scored: readonly ScoredAttack[]): void {
  const path = scorecardPath(devDir);
  mkdirSync(dirname(path), { recursive: true });
  const saved: SavedScorecard = { finishedAt: new Date().toISOString(), gatewayUrl, results: Object.fromEntries(scored.map((s) => [s.attack.id, s.result.outcome])) };
  writeFileSync(`${path}.tmp`, `${JSON.stringify(saved, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

/** Lines naming every attack whose verdict changed since the saved run; attacks the previous run did not include are "new". */
export function compareWithSaved(previous: SavedScorecard | undefined, scored: readonly ScoredAttack[]): string {
  if (!previous) return 'No previous scorecard to compare with.';
  const changes = scored
    .filter((s) => previous.results[s.attack.id] !== s.result.outcome)
    .map((s) => {
      const before = previous.results[s.attack.id];
      return `  ${s.attack.id}: ${before ? VERDICT_LABELS[before] : '(not in the previous run)'} -> ${VERDICT_LABELS[s.result.outcome]}`;
    });
  const head = `Compared with the run of ${previous.finishedAt}:`;
  return changes.length ? [`${head} ${changes.length} changed`, ...changes].join('\n') : `${head} no verdict changed.`;
}
