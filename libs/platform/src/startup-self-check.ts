import type { Metadata } from '@grpc/grpc-js';
import { X509Certificate } from 'node:crypto';
import { HEALTH_V1, rpcPath } from '@shop/contracts';
import type { ShopGrpcServer } from '@shop/grpc';
import { policiesOf, spiffeIdOf } from '@shop/topology';
import { forgedPassport } from './forged-passport';
import { probeInProcess, probeOverTheWire, throwawayCertificate, type ProbeOutcome, type SyntheticPeer } from './self-check-probes';
import type { ServiceRuntime } from './service-runtime';

/** The stable code of a failed self-check, in the error log line and the exit message. */
export const SELF_CHECK_FAILED = 'STARTUP.SELF_CHECK_FAILED';

/** What a probe must come back with; no `event` means the guards must stay silent. */
interface Expectation {
  readonly status: string;
  readonly shopCode?: string;
  readonly event?: string;
  readonly reason?: string;
  readonly peer?: string;
}

const passportMissing = (peer: string | undefined): Expectation => ({
  status: 'UNAUTHENTICATED',
  shopCode: 'PASSPORT.MISSING',
  event: 'passport_invalid',
  reason: 'missing',
  peer,
});

function mismatches(probe: string, outcome: ProbeOutcome, want: Expectation): string[] {
  const seen = outcome.events.map((e) => `${e.event}/${e.reason}/${e.peer ?? 'no peer'}`);
  const wanted = want.event ? [`${want.event}/${want.reason}/${want.peer ?? 'no peer'}`] : [];
  const problems: string[] = [];
  if (outcome.status !== want.status || outcome.shopCode !== want.shopCode) {
    problems.push(`${probe}: expected ${want.status} ${want.shopCode ?? ''}, got ${outcome.status} ${outcome.shopCode ?? '(no shop code)'}`);
  }
  // The guards' own event is what proves they refused, not a handler that happened to fail the same way.
  if (seen.join() !== wanted.join()) problems.push(`${probe}: expected guard events [${wanted.join()}], got [${seen.join()}]`);
  return problems;
}

/** What serve() configured the guards with (the lab switches are read once, there). */
export interface EnforcedChecks {
  readonly peerAuthz: boolean;
  readonly passport: boolean;
  /** A kid the passport verifier trusts now, for the forged passport. */
  readonly trustedKid: string;
}

/**
 * Proves, after `app.listen()` and before the ops server reports ready, that
 * the call pipeline this process actually serves still enforces what the lab
 * switches say (upgrades of Nest or grpc-js could skip the overrides that
 * install it without an error). Probes, each with an empty request and no
 * valid passport, so no handler runs while the guards work:
 *  - wire: a real call to our own port over the shop's client credentials.
 *    Our own workload is on no allow-list of its own RPCs, so peer-authz must
 *    refuse it, and its event must name our SPIFFE ID: the server read it
 *    from the certificate our credentials presented (mtls).
 *  - peer: the same, in-process, through the pipeline Nest installed.
 *  - passport: in-process as an allowed caller, whose certificate we cannot
 *    hold: the passport guard must refuse.
 *  - signature: the same caller with a passport right in every claim but
 *    signed by a made-up key under a trusted kid: the verifier must refuse it.
 *    Skipped when the lab switches the passport check off (it would reach a handler).
 * Throws (the service exits 1, never ready) when any probe disagrees.
 */
export async function runStartupSelfCheck(runtime: ServiceRuntime, server: ShopGrpcServer, enforced: EnforcedChecks): Promise<void> {
  const started = performance.now();
  const { config, events, transport, logger } = runtime;
  const self = spiffeIdOf(config.service, config.trustDomain);
  // The first RPC needing a passport that we may not call ourselves; health (harmless) when none does.
  const guarded = policiesOf(config.service).find((p) => !p.public && p.callers.length > 0 && !p.callers.includes(config.service));
  const path = guarded?.path ?? rpcPath(HEALTH_V1, 'Check');
  const peerAuthz = enforced.peerAuthz;
  const ownPeer = transport.mode === 'mesh' ? undefined : self;
  const refusedAsPeer = (peer: string | undefined, reason: string): Expectation =>
    peerAuthz ? { status: 'PERMISSION_DENIED', shopCode: 'PEER.DENIED', event: 'peer_denied', reason, peer } : guarded ? passportMissing(peer) : { status: 'OK' };

  const pipeline = server.installedPipeline(path);
  const svid = transport.currentSvid();
  const host = ['0.0.0.0', '::', ''].includes(config.bindHost) ? '127.0.0.1' : config.bindHost;
  const probes: Array<{ name: string; run: () => Promise<ProbeOutcome>; want: Expectation }> = [];
  const wire = { address: `${host}:${config.ports.grpc}`, path, credentials: transport.channelCredentials(config.service) };
  const decorate = (metadata: Metadata) => transport.decorateOutboundMetadata(metadata);
  probes.push({ name: 'wire', run: () => probeOverTheWire(events, { ...wire, decorate }), want: refusedAsPeer(ownPeer, transport.mode === 'mesh' ? 'no_xfcc' : 'not_allowed') });
  if (pipeline) {
    const ownCertificate = svid ? new X509Certificate(svid.cert) : undefined;
    probes.push({ name: 'peer', run: () => probeInProcess(events, pipeline, path, { spiffeId: self, certificate: ownCertificate }), want: refusedAsPeer(self, 'not_allowed') });
  }
  if (pipeline && guarded) {
    const caller = spiffeIdOf(guarded.callers[0], config.trustDomain);
    // One throwaway certificate for both probes that present the allowed caller.
    const certificate = svid ? throwawayCertificate(caller) : undefined;
    const allowed = async (): Promise<SyntheticPeer> => ({ spiffeId: caller, certificate: await certificate });
    probes.push({ name: 'passport', run: async () => probeInProcess(events, pipeline, path, await allowed()), want: passportMissing(caller) });
    if (enforced.passport) {
      const forged = async (): Promise<SyntheticPeer> => ({ ...(await allowed()), passport: await forgedPassport(guarded, config.trustDomain, enforced.trustedKid) });
      const badSignature = { status: 'UNAUTHENTICATED', shopCode: 'PASSPORT.INVALID', event: 'passport_invalid', reason: 'bad_signature', peer: caller };
      probes.push({ name: 'signature', run: async () => probeInProcess(events, pipeline, path, await forged()), want: badSignature });
    }
  }
  // Concurrently: each probe has its own request id, and the wire probe mostly waits on the handshake.
  const outcomes = await Promise.all(probes.map((probe) => probe.run()));
  const observed = Object.fromEntries(probes.map((probe, i) => [probe.name, outcomes[i]]));
  const failures = [...(pipeline ? [] : [`no pipeline was installed for ${path}`]), ...probes.flatMap((probe, i) => mismatches(probe.name, outcomes[i], probe.want))];

  const report = { probedRpc: path, transport: transport.mode, labDisabled: config.lab.disabledControls, observed, ms: Math.round(performance.now() - started) };
  if (failures.length > 0) {
    logger.error({ code: SELF_CHECK_FAILED, failures, ...report }, `${SELF_CHECK_FAILED}: the call pipeline does not enforce what it should; refusing to start`);
    throw new Error(`${SELF_CHECK_FAILED}: ${failures.join('; ')}`);
  }
  logger.info({ selfCheck: report }, guarded ? 'startup self-check passed' : 'startup self-check passed (no RPC needs a passport: the passport probes do not apply)');
}
