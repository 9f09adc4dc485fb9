import { join, resolve } from 'node:path';
import { ConfigError, LabSwitches, labBanner, readDevEnvironment } from '@shop/config';
import { DEMO_ACCOUNTS } from '@shop/contracts';
import { ensureDevPki } from '@shop/security/pki';
import { secretsRootOf, startPlatform, type RunningPlatform } from '@shop/dev-platform';
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
    `  API docs:         ${platform.gatewayUrl}/docs`,
    `  Trust the dev CA: curl --cacert ${caFile} ${platform.gatewayUrl}/api/v1/products`,
    `  Service logs:     ${join(devDir, 'logs')}/<service>.log`,
    '',
    '  Demo users (dev passwords):',
    users,
    '',
    '  Ctrl-C stops everything.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
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
    if (stopping) return;
    stopping = true;
    clearInterval(renewal);
    process.stdout.write(`\n${signal}: stopping services and the database...\n`);
    await platform.stop();
    process.stdout.write('Stopped.\n');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  for (const service of platform.services) {
    void service.exited.then((code) => {
      if (!stopping) {
        process.stderr.write(`${service.service} exited unexpectedly (${code}); see .dev/logs/${service.service}.log\n`);
        void stop('service-exit');
      }
    });
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error instanceof ConfigError ? 'Configuration error' : 'Start failed'}: ${error.message}\n`);
  process.exit(1);
});
