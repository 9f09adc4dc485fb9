import { ConfigError } from './lab-mode';
import { loadServiceConfig } from './service-config';

describe('edge settings', () => {
  it('defaults to bounded timeouts and per-address caps', () => {
    expect(loadServiceConfig('gateway', {}).edge).toEqual({
      handshakeTimeoutMs: 5_000,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 15_000,
      keepAliveTimeoutMs: 10_000,
      maxConnectionsPerAddress: 64,
      maxInFlightPerAddress: 32,
      maxConnections: 4_096,
    });
  });

  it('lets tests shorten the timeouts', () => {
    const edge = loadServiceConfig('gateway', { SHOP_HTTP_HEADERS_TIMEOUT_MS: '500', SHOP_HTTP_REQUEST_TIMEOUT_MS: '900' }).edge;
    expect([edge.headersTimeoutMs, edge.requestTimeoutMs]).toEqual([500, 900]);
  });

  it.each([
    [{ SHOP_HTTP_HANDSHAKE_TIMEOUT_MS: '0' }],
    [{ SHOP_HTTP_MAX_CONNECTIONS_PER_IP: 'lots' }],
    [{ SHOP_HTTP_HEADERS_TIMEOUT_MS: '20000', SHOP_HTTP_REQUEST_TIMEOUT_MS: '15000' }],
  ])('refuses %p at start', (env) => {
    expect(() => loadServiceConfig('gateway', env)).toThrow(ConfigError);
  });
});
