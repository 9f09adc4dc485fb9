import { ConfigError } from './lab-mode';

/**
 * How long the gateway's HTTPS listener waits for each step of a request, and
 * how much of it one client address may hold. Defaults suit the shop's tiny
 * JSON requests; tests shorten the timeouts to watch them fire.
 */
export interface EdgeSettings {
  /** TCP accepted to TLS established (Node's default is 120 s). */
  readonly handshakeTimeoutMs: number;
  /** TLS established (or the previous response sent) to the end of the request headers. */
  readonly headersTimeoutMs: number;
  /** Start of a request to the end of its body. */
  readonly requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long. */
  readonly keepAliveTimeoutMs: number;
  /** Open connections from one client address; more are closed before the TLS handshake. */
  readonly maxConnectionsPerAddress: number;
  /** Requests from one client address not yet answered; more get 429 at once. */
  readonly maxInFlightPerAddress: number;
  /** Open connections in total. */
  readonly maxConnections: number;
}

type IntegerReader = (name: string, raw: string | undefined, fallback: number, min: number, max: number) => number;
type Environment = Readonly<Record<string, string | undefined>>;

export function readEdgeSettings(env: Environment, integer: IntegerReader): EdgeSettings {
  const ms = (name: string, fallback: number) => integer(name, env[name], fallback, 100, 600_000);
  const count = (name: string, fallback: number) => integer(name, env[name], fallback, 1, 1_000_000);
  const settings: EdgeSettings = {
    handshakeTimeoutMs: ms('SHOP_HTTP_HANDSHAKE_TIMEOUT_MS', 5_000),
    headersTimeoutMs: ms('SHOP_HTTP_HEADERS_TIMEOUT_MS', 10_000),
    requestTimeoutMs: ms('SHOP_HTTP_REQUEST_TIMEOUT_MS', 15_000),
    keepAliveTimeoutMs: ms('SHOP_HTTP_KEEPALIVE_TIMEOUT_MS', 10_000),
    maxConnectionsPerAddress: count('SHOP_HTTP_MAX_CONNECTIONS_PER_IP', 64),
    maxInFlightPerAddress: count('SHOP_HTTP_MAX_IN_FLIGHT_PER_IP', 32),
    maxConnections: count('SHOP_HTTP_MAX_CONNECTIONS', 4_096),
  };
  // Node refuses a headers timeout longer than the request timeout; say so at start, by name.
  if (settings.headersTimeoutMs > settings.requestTimeoutMs) {
    throw new ConfigError('SHOP_HTTP_HEADERS_TIMEOUT_MS must not exceed SHOP_HTTP_REQUEST_TIMEOUT_MS');
  }
  return settings;
}
