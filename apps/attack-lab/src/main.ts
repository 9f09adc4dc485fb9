import { resolve } from 'node:path';
import { readDevEnvironment } from '@shop/config';
import { ATTACKS, LabTarget, describeSwitches, formatScorecard, runAttacks, tally, targetSwitches } from '@shop/attack-lab';
import { SERVICES } from '@shop/topology';
import { USAGE, UsageError, parseCliArgs } from './cli-args';
import { compareWithSaved, loadScorecard, saveScorecard } from './saved-scorecard';

/** Exit codes, also listed in --help and the README. */
const EXIT = { allBlocked: 0, gotThrough: 1, labFailed: 2, couldNotRun: 3 } as const;

/**
 * `npm run attack [-- options] [attack-id ...]`: runs the attack lab against
 * the platform started by `npm start` (same SHOP_PORT_OFFSET, secrets in .dev)
 * and prints a scorecard with three distinct outcomes.
 */
async function main(): Promise<number> {
  const args = parseCliArgs(process.argv.slice(2), ATTACKS);
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.allBlocked;
  }
  if (args.list) {
    // JSON: the gateway's console reads this list.
    process.stdout.write(`${JSON.stringify(ATTACKS.map((a) => ({ id: a.id, title: a.title, controls: a.controls })))}\n`);
    return EXIT.allBlocked;
  }
  const env = readDevEnvironment();
  const devDir = resolve(args.devDir ?? '.dev');
  const gatewayUrl = `https://localhost:${(SERVICES.gateway.httpsPort as number) + env.portOffset}`;
  const target = new LabTarget(gatewayUrl, devDir, env.portOffset);
  target.api.onWait = (seconds, what) => process.stderr.write(`lab setup (${what}) was rate limited; waiting ${seconds} s as Retry-After asks...\n`);
  try {
    const preflight = await target.api.get('/api/v1/products').catch((error: Error) => error);
    if (preflight instanceof Error || preflight.status !== 200) {
      throw new Error(`no platform answers at ${gatewayUrl}: start it with \`npm start\` first (${preflight instanceof Error ? preflight.message : preflight.status})`);
    }
    const previous = args.compare ? loadScorecard(devDir) : undefined;
    if (args.json) {
      // One JSON document for the gateway's console; same exit codes.
      const scored = await runAttacks(target, args.attacks);
      process.stdout.write(`${JSON.stringify(scored.map((s) => ({ id: s.attack.id, title: s.attack.title, controls: s.attack.controls, ...s.result })))}\n`);
      const counts = tally(scored);
      return counts.succeeded ? EXIT.gotThrough : counts.couldNotRun ? EXIT.couldNotRun : EXIT.allBlocked;
    }
    process.stdout.write(`Attacking ${gatewayUrl} with ${args.attacks.length} attacks...\n`);
    process.stdout.write(`${describeSwitches(await targetSwitches(target))}\n\n`);
    const scored = await runAttacks(target, args.attacks);
    process.stdout.write(`${formatScorecard(scored, { verbose: args.verbose })}\n\n`);
    const { blocked, succeeded, couldNotRun } = tally(scored);
    const ids = (verdict: string) => scored.filter((s) => s.result.outcome === verdict).map((s) => s.attack.id).join(', ');
    process.stdout.write(`${scored.length} attacks: ${blocked} blocked, ${succeeded} got through, ${couldNotRun} could not run.\n`);
    if (succeeded) process.stdout.write(`Got through: ${ids('succeeded')}\n`);
    if (couldNotRun) process.stdout.write(`Could not run (no verdict, see the evidence${args.verbose ? '' : ' or use --verbose'}): ${ids('could-not-run')}\n`);
    if (args.compare) process.stdout.write(`${compareWithSaved(previous, scored)}\n`);
    saveScorecard(devDir, gatewayUrl, scored);
    return succeeded ? EXIT.gotThrough : couldNotRun ? EXIT.couldNotRun : EXIT.allBlocked;
  } finally {
    await target.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    process.stderr.write(`attack lab failed: ${error.message}\n${error instanceof UsageError ? 'Try `npm run attack -- --help`.\n' : ''}`);
    process.exitCode = EXIT.labFailed;
  },
);
