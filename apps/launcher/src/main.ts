import { join, resolve } from 'node:path';
import { ConfigError, LabSwitches, labBanner, readDevEnvironment } from '@shop/config';
import { DEMO_ACCOUNTS } from '@shop/contracts';
import { ensureDevPki } from '@shop/security/pki';
import { STOP_BOUND_MS, secretsRootOf, startPlatform, type RunningPlatform } from '@shop/dev-platform';
import { describeSupervisorEvent } from './supervisor-messages';
import { DEFAULT_TRUST_DOMAIN, SERVICE_NAMES } from '@shop/topology';

/** How often the launcher renews SVIDs that are past half their life (they live 24 h). */
const PKI_RENEWAL_INTERVAL_MS = 10 * 60_000;

function readyBanner(platform: RunningPlatform, seconds: number, devDir: string): string {
  const caFile = join(devDir, 'pki', 'web-ca.pem');
  const users = DEMO_ACCOUNTS.map((u) => `    ${u.email.padEnd(20)} ${u.password.padEnd(20)} ${u.roles.join(', ')}`).join('\n');
  return [
    '',
    `  Hardened Shop is up in ${seconds.toFixed(1)} s`,
    '',
    `  Gateway (HTTPS):  ${platform.gatewayUrl}`,
    `  Storefront:       ${platform.gatewayUrl}/  (security console for admins: ${platform.gatewayUrl}/#/console)`,
    `  API docs:         ${platform.gatewayUrl}/docs`,
    `  Trust the dev CA: curl --cacert ${caFile} ${platform.gatewayUrl}/api/v1/products`,
    `  Service logs:     ${join(devDir, 'logs')}/<service>.log`,
    '',
    '  Demo users (dev passwords):',
    users,
    '',
    `  A service that dies is restarted; Ctrl-C stops everything (in order, within ${STOP_BOUND_MS / 1000} s).`,
    '',
  ].join('\n');
}

/** Until the platform is up, Ctrl-C just ends the start (services and database go with us). */
function interruptStart(signal: string): void {
  process.stdout.write(`\n${signal} during start: stopping.\n`);
  process.exit(130);
}

async function main(): Promise<void> {
  process.on('SIGINT', interruptStart);
  process.on('SIGTERM', interruptStart);
  const started = performance.now();
  const env = readDevEnvironment();
  const devDir = resolve('.dev');
  const databaseName = env.database.kind === 'external' && env.database.database ? env.database.database : 'shop';
  if (env.shopEnv === 'production') process.stdout.write('SHOP_ENV=production: demo users and products will NOT be seeded.\n');
  const labWarning = labBanner('the platform', LabSwitches.parse(env.shopEnv, env.labDisable));
  if (labWarning) process.stderr.write(`${labWarning}\n`);
  process.stdout.write(`Starting on ${env.database.kind === 'embedded' ? 'embedded PostgreSQL (.dev/postgres)' : `PostgreSQL at ${env.database.host}:${env.database.port}`}...\n`);

  const platform = await startPlatform({
    devDir,
    distDir: resolve(__dirname, '../../..'),
    database: env.database,
    databaseName,
    shopEnv: env.shopEnv,
    labDisable: env.labDisable,
    portOffset: env.portOffset,
    redisUrl: env.redisUrl,
    logLevel: env.logLevel,
    transportSecurity: env.transportSecurity,
    seed: env.shopEnv !== 'production',
    env: env.serviceEnv,
    onSupervisorEvent: (event) => {
      const line = describeSupervisorEvent(event, join(devDir, 'logs'));
      if (line) process.stderr.write(`${line}\n`);
    },
    dbRotationSeconds: env.dbRotationSeconds,
  });
  process.stdout.write(readyBanner(platform, (performance.now() - started) / 1000, devDir));

  // Like a SPIRE agent: keep SVIDs fresh; services reload them without a restart.
  const renewal = setInterval(() => {
    ensureDevPki({ pkiDir: join(devDir, 'pki'), secretsRoot: secretsRootOf(devDir), trustDomain: DEFAULT_TRUST_DOMAIN, services: SERVICE_NAMES }).catch(
      (error: Error) => process.stderr.write(`SVID renewal failed: ${error.message}\n`),
    );
  }, PKI_RENEWAL_INTERVAL_MS);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      process.stdout.write('Still draining; it ends on its own within the bound.\n');
      return;
    }
    stopping = true;
    clearInterval(renewal);
    process.stdout.write(`\n${signal}: draining the gateway, then stopping services and the database (at most ${STOP_BOUND_MS / 1000} s)...\n`);
    const started = performance.now();
    try {
      await platform.stop();
      process.stdout.write(`Stopped in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
      process.exit(0);
    } catch (error) {
      process.stderr.write(`Stop failed: ${(error as Error).message}\n`);
      process.exit(1);
    }
  };
  process.removeListener('SIGINT', interruptStart);
  process.removeListener('SIGTERM', interruptStart);
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: Error) => {
  process.stderr.write(`${error instanceof ConfigError ? 'Configuration error' : 'Start failed'}: ${error.message}\n`);
  process.exit(1);
});
