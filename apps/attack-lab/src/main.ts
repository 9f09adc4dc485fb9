import { resolve } from 'node:path';
import { readDevEnvironment } from '@shop/config';
import { ATTACKS, LabTarget, formatScorecard, runAttacks } from '@shop/attack-lab';
import { SERVICES } from '@shop/topology';

/**
 * `npm run attack [-- attack-id ...]`: runs the attack lab against the
 * platform started by `npm start` (same SHOP_PORT_OFFSET, secrets in .dev)
 * and prints a scorecard. Exits 1 when any attack succeeds or errors.
 */
async function main(): Promise<void> {
  const env = readDevEnvironment();
  const only = new Set(process.argv.slice(2).filter((arg) => !arg.startsWith('-')));
  const attacks = only.size ? ATTACKS.filter((a) => only.has(a.id)) : ATTACKS;
  if (attacks.length === 0) throw new Error(`no such attack; known: ${ATTACKS.map((a) => a.id).join(', ')}`);
  const gatewayUrl = `https://localhost:${(SERVICES.gateway.httpsPort as number) + env.portOffset}`;
  const target = new LabTarget(gatewayUrl, resolve('.dev'), env.portOffset);
  try {
    const preflight = await target.api.get('/api/v1/products').catch((error: Error) => error);
    if (preflight instanceof Error || preflight.status !== 200) {
      throw new Error(`no platform answers at ${gatewayUrl}: start it with \`npm start\` first (${preflight instanceof Error ? preflight.message : preflight.status})`);
    }
    process.stdout.write(`Attacking ${gatewayUrl} with ${attacks.length} attacks...\n\n`);
    const scored = await runAttacks(target, attacks);
    process.stdout.write(`${formatScorecard(scored)}\n\n`);
    const failed = scored.filter((s) => s.result.outcome !== 'blocked');
    process.stdout.write(
      failed.length === 0
        ? `All ${scored.length} attacks were blocked.\n`
        : `${failed.length} of ${scored.length} attacks were NOT blocked: ${failed.map((s) => s.attack.id).join(', ')}\n`,
    );
    process.exitCode = failed.length === 0 ? 0 : 1;
  } finally {
    await target.close();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`attack lab failed: ${error.message}\n`);
  process.exit(2);
});
