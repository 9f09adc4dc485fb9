import { resolve } from 'node:path';
import { readDevEnvironment } from '@shop/config';
import { ATTACKS, LabTarget, formatScorecard, runAttacks } from '@shop/attack-lab';
import { SERVICES } from '@shop/topology';

interface Options {
  readonly ids: ReadonlySet<string>;
  /** One JSON document on stdout instead of the scorecard (the gateway's console runs the CLI this way). */
  readonly json: boolean;
  /** Only list the attacks (id, title, controls) as JSON. */
  readonly list: boolean;
  /** The platform's dev folder (secrets, PKI): `.dev` of the current directory unless given. */
  readonly devDir: string;
}

function parseOptions(argv: readonly string[]): Options {
  const devDir = argv.find((arg) => arg.startsWith('--dev-dir='))?.slice('--dev-dir='.length);
  return {
    ids: new Set(argv.filter((arg) => !arg.startsWith('-'))),
    json: argv.includes('--json'),
    list: argv.includes('--list'),
    devDir: resolve(devDir || '.dev'),
  };
}

/**
 * `npm run attack [-- attack-id ...]`: runs the attack lab against the
 * platform started by `npm start` (same SHOP_PORT_OFFSET, secrets in .dev)
 * and prints a scorecard. Exits 1 when any attack succeeds or errors.
 */
async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.list) {
    process.stdout.write(`${JSON.stringify(ATTACKS.map((a) => ({ id: a.id, title: a.title, controls: a.controls })))}\n`);
    return;
  }
  const env = readDevEnvironment();
  const attacks = options.ids.size ? ATTACKS.filter((a) => options.ids.has(a.id)) : ATTACKS;
  if (attacks.length === 0) throw new Error(`no such attack; known: ${ATTACKS.map((a) => a.id).join(', ')}`);
  const gatewayUrl = `https://localhost:${(SERVICES.gateway.httpsPort as number) + env.portOffset}`;
  const target = new LabTarget(gatewayUrl, options.devDir, env.portOffset);
  try {
    const preflight = await target.api.get('/api/v1/products').catch((error: Error) => error);
    if (preflight instanceof Error || preflight.status !== 200) {
      throw new Error(`no platform answers at ${gatewayUrl}: start it with \`npm start\` first (${preflight instanceof Error ? preflight.message : preflight.status})`);
    }
    if (!options.json) process.stdout.write(`Attacking ${gatewayUrl} with ${attacks.length} attacks...\n\n`);
    const scored = await runAttacks(target, attacks);
    const failed = scored.filter((s) => s.result.outcome !== 'blocked');
    process.exitCode = failed.length === 0 ? 0 : 1;
    if (options.json) {
      const results = scored.map((s) => ({ id: s.attack.id, title: s.attack.title, controls: s.attack.controls, ...s.result }));
      process.stdout.write(`${JSON.stringify(results)}\n`);
      return;
    }
    process.stdout.write(`${formatScorecard(scored)}\n\n`);
    process.stdout.write(
      failed.length === 0
        ? `All ${scored.length} attacks were blocked.\n`
        : `${failed.length} of ${scored.length} attacks were NOT blocked: ${failed.map((s) => s.attack.id).join(', ')}\n`,
    );
  } finally {
    await target.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`attack lab failed: ${error.message}\n`);
  process.exit(2);
});
