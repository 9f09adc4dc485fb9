import { LAB_CONTROLS, labBanner, loadServiceConfigFromProcess } from '@shop/config';
import { ShopMetrics, createHopTracer, createLogger } from '@shop/observability';
import { RoleCheck } from '@shop/security/authz';
import { SecurityEvents } from '@shop/security/audit';
import { SECRET_FILES, SecretFiles } from '@shop/security/secrets';
import { WorkloadTransport } from '@shop/security/transport-identity';
import type { ServiceName } from '@shop/topology';
import { RpcClients } from './rpc-clients';
import type { ServiceRuntime } from './service-runtime';

/** Loads config, then builds the runtime every service (and the gateway) shares. */
export function buildRuntime(service: ServiceName): ServiceRuntime {
  const config = loadServiceConfigFromProcess(service);
  const logger = createLogger({ service, level: config.logLevel });
  const banner = labBanner(service, config.lab);
  if (banner) {
    process.stderr.write(`${banner}\n`);
    logger.warn({ labDisabled: config.lab.disabledControls }, 'LAB MODE: security controls are switched off');
  }
  const metrics = new ShopMetrics(service);
  for (const control of LAB_CONTROLS) metrics.labControlEnabled.set({ control }, config.lab.isOn(control) ? 1 : 0);
  const events = new SecurityEvents(logger, metrics, service);
  const tracer = createHopTracer(service, config.otlpTracesUrl);
  if (tracer.exporting) logger.info({ otlpTracesUrl: config.otlpTracesUrl }, 'exporting spans over OTLP/HTTP');
  const transport = new WorkloadTransport(config, {
    onHandshake: () => metrics.tlsHandshakes.inc({ listener: 'grpc' }),
    onSvidReloaded: (svid) => logger.info({ spiffeId: svid.spiffeId, notAfter: svid.notAfter }, 'SVID reloaded'),
    onSvidReloadFailed: (error) => events.emit('svid_rejected', { reason: 'reload_failed', detail: { error: error.message } }),
    onServerRejected: (target, reason) => events.emit('peer_denied', { reason: `server_${reason}`, detail: { target } }),
  });
  const secrets = new SecretFiles(config.secretsDir);
  // Private material readable by group or others is a deployment mistake worth shouting about.
  const privateFiles = [SECRET_FILES.svidKey, SECRET_FILES.httpsKey, SECRET_FILES.runtimeDb, SECRET_FILES.accessTokenKeys, SECRET_FILES.passportSigningKeys];
  for (const name of privateFiles.filter((file) => secrets.has(file) && secrets.looselyPermitted(file))) {
    logger.warn({ file: secrets.path(name) }, 'secret file is readable by group or others; it should be 0600/0400');
  }
  return {
    config,
    logger,
    metrics,
    events,
    tracer,
    secrets,
    transport,
    clients: new RpcClients(config, transport, metrics, tracer),
    roles: new RoleCheck(config.lab.isOn('rbac'), events),
  };
}
