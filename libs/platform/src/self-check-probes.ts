import { Client, Metadata, status as GrpcStatus, type ChannelCredentials, type ServerUnaryCall, type ServiceError } from '@grpc/grpc-js';
import { X509Certificate, randomBytes } from 'node:crypto';
import { ERROR_CODE_METADATA_KEY, METADATA_KEYS } from '@shop/contracts';
import { SHARED_CHANNEL_OPTIONS, type UnaryPipeline } from '@shop/grpc';
import { createUntrustedIdentityCertificate } from '@shop/security/pki';
import type { DivertedEvent, SecurityEvents } from '@shop/security/audit';
import { SELF_ASSERTED_CALLER_HEADER, XFCC_HEADER } from '@shop/security/transport-identity';

/** What one probe call came back with, and the security events the guards raised for it. */
export interface ProbeOutcome {
  /** gRPC status name, or `TIMEOUT` when no answer came. */
  readonly status: string;
  /** The shop's stable code from `x-error-code`, when the refusal carried one. */
  readonly shopCode?: string;
  readonly events: readonly DivertedEvent[];
  readonly ms: number;
}

const PROBE_TIMEOUT_MS = 3000;

/**
 * Runs one probe with a fresh random request id whose security events are
 * diverted to the outcome: the refusals are expected, so they must neither
 * page anyone nor count as attacks. Only this process knows the id.
 */
async function diverting(events: SecurityEvents, send: (metadata: Metadata) => Promise<Answer>): Promise<ProbeOutcome> {
  const started = performance.now();
  const requestId = `startup-self-check-${randomBytes(16).toString('hex')}`;
  const seen: DivertedEvent[] = [];
  const restore = events.divert(requestId, (event) => seen.push(event));
  try {
    const metadata = new Metadata();
    metadata.set(METADATA_KEYS.requestId, requestId);
    const outcome = await send(metadata);
    return { ...outcome, events: seen, ms: Math.round(performance.now() - started) };
  } finally {
    restore();
  }
}

type Answer = Pick<ProbeOutcome, 'status' | 'shopCode'>;

function outcomeOf(error: Partial<ServiceError> | null): Answer {
  if (!error) return { status: 'OK' };
  const shopCode = error.metadata?.get(ERROR_CODE_METADATA_KEY)[0];
  // A raw error that skipped the pipeline's mapping may carry a string code, or none.
  const status = typeof error.code === 'number' ? (GrpcStatus[error.code] ?? 'UNKNOWN') : 'UNKNOWN';
  return { status, shopCode: typeof shopCode === 'string' ? shopCode : undefined };
}

export interface WireProbe {
  readonly address: string;
  readonly path: string;
  /** The shop's own client credentials for this workload, exactly as its clients use them. */
  readonly credentials: ChannelCredentials;
  /** Adds what the transport adds to every outbound call (the claimed caller in plaintext lab mode). */
  readonly decorate: (metadata: Metadata) => void;
}

/** A real call to our own listening port, over the shop's client credentials, with no passport and an empty request. */
export function probeOverTheWire(events: SecurityEvents, probe: WireProbe): Promise<ProbeOutcome> {
  return diverting(events, (metadata) => {
    probe.decorate(metadata);
    const client = new Client(probe.address, probe.credentials, SHARED_CHANNEL_OPTIONS);
    return new Promise((resolve) => {
      const emptyMessage = () => Buffer.alloc(0);
      client.makeUnaryRequest(probe.path, emptyMessage, (bytes: Buffer) => bytes, {}, metadata, { deadline: Date.now() + PROBE_TIMEOUT_MS }, (error) => {
        client.close();
        resolve(outcomeOf(error));
      });
    });
  });
}

/** The peer a synthetic call claims, in the form each transport mode reads it from. */
export interface SyntheticPeer {
  readonly spiffeId: string;
  /** DER of a certificate naming `spiffeId`; needed in mtls mode only. */
  readonly certificate?: X509Certificate;
  /** The passport the call carries, if any. */
  readonly passport?: string;
}

/**
 * A certificate naming `spiffeId` that no one trusts: the in-process probe
 * skips the handshake, so only the identity it carries matters. The service
 * holds no CA key to issue a real one (and must not).
 */
export async function throwawayCertificate(spiffeId: string): Promise<X509Certificate> {
  return new X509Certificate(await createUntrustedIdentityCertificate(spiffeId));
}

function syntheticCall(path: string, metadata: Metadata, peer: SyntheticPeer): ServerUnaryCall<unknown, unknown> {
  metadata.set(XFCC_HEADER, `URI=${peer.spiffeId}`);
  metadata.set(SELF_ASSERTED_CALLER_HEADER, peer.spiffeId);
  if (peer.passport) metadata.set(METADATA_KEYS.passport, peer.passport);
  const sslPeerCertificate = peer.certificate ? { raw: peer.certificate.raw, fingerprint256: peer.certificate.fingerprint256 } : undefined;
  const call = {
    request: {},
    metadata,
    getPath: () => path,
    getDeadline: () => Date.now() + PROBE_TIMEOUT_MS,
    getPeer: () => 'startup-self-check',
    getAuthContext: () => ({ transportSecurityType: sslPeerCertificate ? 'ssl' : undefined, sslPeerCertificate }),
  };
  return call as unknown as ServerUnaryCall<unknown, unknown>;
}

/**
 * Calls the pipeline Nest installed for `path` directly, as grpc-js would,
 * with a peer we cannot present over the wire (we hold no certificate of
 * theirs).
 */
export function probeInProcess(events: SecurityEvents, pipeline: UnaryPipeline, path: string, peer: SyntheticPeer): Promise<ProbeOutcome> {
  return diverting(events, (metadata) => {
    const call = syntheticCall(path, metadata, peer);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ status: 'TIMEOUT' }), PROBE_TIMEOUT_MS);
      const settle = (error: Partial<ServiceError> | null) => {
        clearTimeout(timer);
        resolve(outcomeOf(error));
      };
      pipeline(call, (error) => settle(error as Partial<ServiceError> | null)).catch((error: Error) => settle({ code: GrpcStatus.UNKNOWN, message: error.message }));
    });
  });
}
