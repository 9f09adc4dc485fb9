import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { withBenchWorkspace } from './bench-database';
import { measureCeiling } from './measure/ceiling';
import { measurePassportCost } from './measure/passport-cost';
import { POSTURES, runPosture, type Posture, type PostureRun } from './posture-run';
import { describeMachine, type BenchReport } from './report/bench-report';
import { toMarkdown } from './report/markdown';
import { summarizeRuns } from './report/summary';

const REPO = resolve(__dirname, '../../../..');
const RESULTS = join(REPO, 'bench', 'results');

function log(message: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** Replaces the block between the bench markers in the README with the new table. */
function updateReadme(markdown: string): void {
  const path = join(REPO, 'README.md');
  const readme = readFileSync(path, 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  if (!readme.includes(start) || !readme.includes(end)) return;
  const before = readme.slice(0, readme.indexOf(start) + start.length);
  const after = readme.slice(readme.indexOf(end));
  writeFileSync(path, `${before}\n${markdown}\n${after}`);
}

/**
 * `npm run bench [-- --quick]`: what the security controls cost. Boots the
 * platform alternately in the secure posture and in a baseline with mTLS,
 * peer authorization and passports switched off (A/B/A/B...), drives the same
 * workloads through the gateway, and writes bench/results/*.json and .md.
 */
async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const pairs = quick ? 1 : 3;
  const settings = {
    warmupMs: quick ? 1000 : 2000,
    durationMs: quick ? 3000 : 8000,
    concurrency: { products: 32, checkout: 16 },
  };
  const startedAt = new Date();
  await withBenchWorkspace(async ({ devDir, database, databaseName }) => {
    log(`mode ${quick ? 'quick' : 'full'}: ${pairs} A/B pair(s), ${settings.durationMs / 1000}s per measurement`);
    const ceiling = await measureCeiling(settings.concurrency.products, settings.durationMs);
    log(`ceiling (node http hello-world): ${ceiling.reqPerSec} req/s`);
    const passport = await measurePassportCost(quick ? 2000 : 10_000);
    log(`passport ES256 sign ${passport.ES256.signUs} µs verify ${passport.ES256.verifyUs} µs; EdDSA sign ${passport.EdDSA.signUs} µs verify ${passport.EdDSA.verifyUs} µs`);

    const runs: PostureRun[] = [];
    const rates = {};
    for (let pair = 0; pair < pairs; pair++) {
      for (const posture of Object.keys(POSTURES) as Posture[]) {
        const run = await runPosture(posture, { ...settings, devDir, distDir: join(REPO, 'dist'), database, databaseName }, rates);
        runs.push(run);
        const p = run.workloads.products;
        const c = run.workloads.checkout;
        const cpu = (w: typeof p) => Object.entries(w.cpuUsPerRequest).map(([s, us]) => `${s} ${us}`).join(' ');
        log(`${posture.padEnd(8)} CPU µs/request: products [${cpu(p)}] checkout [${cpu(c)}]`);
        log(
          `${posture.padEnd(8)} products ${p.closed.reqPerSec} req/s p90 ${p.open.p90Ms} ms | checkout ${c.closed.reqPerSec} req/s p90 ${c.open.p90Ms} ms | handshakes/1000 ${run.handshakesPer1000.grpc} | cold ${run.coldStartMs} ms`,
        );
      }
    }
    const summary = summarizeRuns(runs);
    for (const [name, w] of Object.entries(summary.workloads)) {
      // Not a threshold: a run with failed requests still reports, but says so loudly.
      if (w.secureErrors + w.baselineErrors > 0) log(`WARNING ${name}: ${w.secureErrors} secure and ${w.baselineErrors} baseline requests failed; their numbers are suspect`);
    }
    const generatorCpu = runs.flatMap((r) => [r.workloads.products.closed.generatorCpuPct, r.workloads.checkout.closed.generatorCpuPct]).sort((a, b) => a - b);
    const report: BenchReport = {
      mode: quick ? 'quick' : 'full',
      startedAt: startedAt.toISOString(),
      durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
      pairs,
      machine: describeMachine(),
      ceiling,
      passport,
      runs,
      summary,
      generatorCpuPct: generatorCpu[Math.floor(generatorCpu.length / 2)],
    };
    const markdown = toMarkdown(report);
    mkdirSync(RESULTS, { recursive: true });
    const name = quick ? 'quick' : 'latest';
    writeFileSync(join(RESULTS, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(RESULTS, `${name}.md`), `${markdown}\n`);
    if (!quick) updateReadme(markdown);
    process.stdout.write(`\n${markdown}\n\nwritten: bench/results/${name}.json and ${name}.md (${report.durationSeconds} s)\n`);
  });
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
