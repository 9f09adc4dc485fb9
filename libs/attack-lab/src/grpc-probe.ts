import tls = require('node:tls');
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { ERROR_CODE_METADATA_KEY, type ErrorCode, type GrpcPackageContract } from '@shop/contracts';
import { PROTO_LOADER_OPTIONS } from '@shop/grpc';
import { blocked, succeeded, type AttackResult } from './attack';

export type ProbeCredentials =
  | { readonly mode: 'plaintext' }
  | { readonly mode: 'tls'; readonly ca: Buffer; readonly cert?: Buffer; readonly key?: Buffer; readonly maxVersion?: tls.SecureVersion };

export type ProbeResult =
  /** The connection never carried the call: TLS refused, or protocol mismatch. */
  | { readonly kind: 'transport_failure'; readonly message: string }
  /** The application answered with an error. */
  | { readonly kind: 'refused'; readonly code: string; readonly errorCode?: string }
  | { readonly kind: 'ok'; readonly response: Record<string, unknown> };

function channelCredentials(credentials: ProbeCredentials): grpc.ChannelCredentials {
  if (credentials.mode === 'plaintext') return grpc.credentials.createInsecure();
  const context = tls.createSecureContext({
    ca: credentials.ca,
    cert: credentials.cert,
    key: credentials.key,
    maxVersion: credentials.maxVersion ?? 'TLSv1.3',
  });
  // The attacker does not care who the server is; it only wants in.
  return grpc.credentials.createFromSecureContext(context, { checkServerIdentity: () => undefined });
}

type UnaryMethod = (request: unknown, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<Record<string, unknown>>) => void;

/**
 * One raw gRPC call with attacker-chosen credentials and metadata, on a fresh
 * connection, reporting how far it got.
 */
export async function probe(
  address: string,
  contract: GrpcPackageContract,
  method: string,
  request: object,
  credentials: ProbeCredentials,
  metadata: Record<string, string> = {},
  timeoutMs = 3000,
): Promise<ProbeResult> {
  const definition = grpc.loadPackageDefinition(loadSync(contract.protoFile, PROTO_LOADER_OPTIONS));
  const Service = contract.package.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], definition);
  const ServiceClient = (Service as Record<string, grpc.ServiceClientConstructor>)[contract.service];
  const client = new ServiceClient(address, channelCredentials(credentials), {
    'grpc.ssl_target_name_override': 'attacker.invalid',
    'grpc.use_local_subchannel_pool': 1,
  });
  const md = new grpc.Metadata();
  for (const [key, value] of Object.entries(metadata)) md.set(key, value);
  try {
    return await new Promise<ProbeResult>((resolve) => {
      const call = (client as unknown as Record<string, UnaryMethod>)[method].bind(client);
      call(request, md, { deadline: Date.now() + timeoutMs }, (error, response) => {
        if (!error) return resolve({ kind: 'ok', response: response ?? {} });
        const errorCode = error.metadata?.get(ERROR_CODE_METADATA_KEY)[0];
        if (error.code === grpc.status.UNAVAILABLE && !errorCode) return resolve({ kind: 'transport_failure', message: error.details });
        resolve({ kind: 'refused', code: grpc.status[error.code], errorCode: typeof errorCode === 'string' ? errorCode : undefined });
      });
    });
  } finally {
    client.close();
  }
}

/**
 * The outcome of a probe that the control named by `expected` should stop:
 * a handler answer is a success for the attacker; a refusal with exactly that
 * stable code is blocked. Anything else (another code, a broken connection)
 * throws, so a lab run never counts an unrelated failure as "blocked".
 */
export function verdictOf(result: ProbeResult, expected: ErrorCode): AttackResult {
  if (result.kind === 'ok') return succeeded(describeProbe(result));
  if (result.kind === 'refused' && result.errorCode === expected) return blocked(describeProbe(result));
  throw new Error(`expected ${expected}, got ${describeProbe(result)}`);
}

export function describeProbe(result: ProbeResult): string {
  if (result.kind === 'transport_failure') return `transport refused (${result.message})`;
  if (result.kind === 'refused') return `${result.code}${result.errorCode ? ` ${result.errorCode}` : ''}`;
  return `OK ${JSON.stringify(result.response).slice(0, 120)}`;
}

/**
 * A call made from inside a (compromised) workload: with its stolen SVID
 * over mTLS, or, when the platform runs without mTLS (lab), in plaintext
 * announcing the same identity in the self-asserted header.
 */
export async function probeAs(
  identity: { readonly cert: Buffer; readonly key: Buffer; readonly ca: Buffer; readonly spiffeId: string },
  address: string,
  contract: GrpcPackageContract,
  method: string,
  request: object,
  metadata: Record<string, string> = {},
): Promise<ProbeResult> {
  const overTls = await probe(address, contract, method, request, { mode: 'tls', ca: identity.ca, cert: identity.cert, key: identity.key }, metadata);
  if (overTls.kind !== 'transport_failure') return overTls;
  const plaintext = await probe(address, contract, method, request, { mode: 'plaintext' }, { ...metadata, 'x-shop-caller-id': identity.spiffeId });
  return plaintext.kind === 'transport_failure' ? overTls : plaintext;
}
