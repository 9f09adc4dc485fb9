import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { withBenchWorkspace } from './bench-database';
import { runPosture } from './posture-run';
import { topFunctions, topOwners, type CpuProfile } from './profile/cpu-profile-summary';

const REPO = resolve(__dirname, '../../../..');

/** The service a profile belongs to: the app whose compiled code its frames run. */
function serviceOf(profile: CpuProfile): string {
  const counts = new Map<string, number>();
  for (const node of profile.nodes) {
    const app = /dist\/apps\/([^/]+)\//.exec(node.callFrame.url)?.[1];
    if (app) counts.set(app, (counts.get(app) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'unknown';
}

/**
 * `npm run bench:profile`: one secure-posture run of the bench's workloads with
 * every service under `node --cpu-prof`, then each service's busiest functions and
 * packages by self time. The profiles stay in the printed folder for Chrome DevTools.
 */
async function main(): Promise<void> {
  const profileDir = mkdtempSync(join(tmpdir(), 'shop-cpu-prof-'));
  const run = await withBenchWorkspace(async (workspace) => {
    const settings = { ...workspace, distDir: join(REPO, 'dist'), warmupMs: 1000, durationMs: 6000, concurrency: { products: 32, checkout: 16 } };
    return runPosture('secure', { ...settings, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] }, {});
  });
  for (const file of readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as CpuProfile;
    const rows = (list: ReturnType<typeof topOwners>) => list.map((r) => `  ${String(r.sharePct).padStart(5)}%  ${r.name}`).join('\n');
    process.stdout.write(`\n## ${serviceOf(profile)} (${file})\nby package:\n${rows(topOwners(profile, run.loadWindowUs, 12))}\nby function:\n${rows(topFunctions(profile, run.loadWindowUs, 15))}\n`);
  }
  process.stdout.write(`\nprofiles: ${profileDir}\n`);
  if (process.argv.includes('--clean')) rmSync(profileDir, { recursive: true, force: true });
}

main().catch((error: Error) => {
  process.stderr.write(`profile failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
