import { isAbsolute } from 'node:path';
import { SERVICES } from '@shop/topology';
import { ConfigError } from './lab-mode';
import { loadServiceConfig } from './service-config';

describe('loadServiceConfig defaults', () => {
  const config = loadServiceConfig('order', {});

  it('runs in development with mTLS in the shop.local trust domain', () => {
    expect(config.env).toBe('development');
    expect(config.transport).toBe('mtls');
    expect(config.trustDomain).toBe('shop.local');
    expect(config.logLevel).toBe('info');
    expect(config.bindHost).toBe('127.0.0.1');
  });

  it('takes its ports from the topology', () => {
    expect(config.ports).toEqual({ ops: SERVICES.order.opsPort, grpc: SERVICES.order.grpcPort, https: undefined });
    expect(loadServiceConfig('gateway', {}).ports).toEqual({ ops: SERVICES.gateway.opsPort, grpc: undefined, https: SERVICES.gateway.httpsPort });
  });

  it('addresses every gRPC service on loopback and the gateway nowhere', () => {
    expect(config.addresses.payment).toBe(`127.0.0.1:${SERVICES.payment.grpcPort}`);
    expect(config.addresses.gateway).toBe('');
  });

  it('keeps secrets in an absolute per-service folder', () => {
    expect(isAbsolute(config.secretsDir)).toBe(true);
    expect(config.secretsDir.endsWith('order')).toBe(true);
  });
});

describe('loadServiceConfig ports and addresses', () => {
  it('shifts every port and address by SHOP_PORT_OFFSET', () => {
    const config = loadServiceConfig('gateway', { SHOP_PORT_OFFSET: '1000' });
    expect(config.ports.ops).toBe(SERVICES.gateway.opsPort + 1000);
    expect(config.ports.https).toBe((SERVICES.gateway.httpsPort ?? 0) + 1000);
    expect(config.addresses.auth).toBe(`127.0.0.1:${(SERVICES.auth.grpcPort ?? 0) + 1000}`);
  });

  it('turns SHOP_DOWNSTREAM_HOST={service} into per-service host names', () => {
    const config = loadServiceConfig('gateway', { SHOP_DOWNSTREAM_HOST: '{service}' });
    expect(config.addresses.order).toBe('order:50052');
    expect(config.addresses.inventory).toBe('inventory:50054');
  });

  it.each(['-1', '10001', '1.5', 'abc', '0x10'])('rejects SHOP_PORT_OFFSET=%s', (offset) => {
    expect(() => loadServiceConfig('order', { SHOP_PORT_OFFSET: offset })).toThrow(ConfigError);
  });
});

describe('loadServiceConfig validation', () => {
  it.each([
    ['TRANSPORT_SECURITY', 'tls'],
    ['TRANSPORT_SECURITY', 'plaintext'],
    ['LOG_LEVEL', 'verbose'],
    ['SHOP_ENV', 'staging'],
    ['SPIFFE_TRUST_DOMAIN', 'Shop.Local'],
    ['SPIFFE_TRUST_DOMAIN', 'shop/local'],
  ])('rejects %s=%s', (name, value) => {
    expect(() => loadServiceConfig('order', { [name]: value })).toThrow(ConfigError);
  });

  it('uses the mesh only when TRANSPORT_SECURITY=mesh', () => {
    expect(loadServiceConfig('order', { TRANSPORT_SECURITY: 'mesh' }).transport).toBe('mesh');
    expect(loadServiceConfig('order', { TRANSPORT_SECURITY: 'mtls' }).transport).toBe('mtls');
  });

  it('accepts a custom trust domain', () => {
    expect(loadServiceConfig('order', { SPIFFE_TRUST_DOMAIN: 'cluster.local' }).trustDomain).toBe('cluster.local');
  });
});

describe('loadServiceConfig in lab mode', () => {
  it('falls back to plaintext when the lab switches mtls off', () => {
    const config = loadServiceConfig('order', { SHOP_ENV: 'lab', SHOP_LAB_DISABLE: 'mtls' });
    expect(config.transport).toBe('plaintext');
    expect(config.lab.isOn('mtls')).toBe(false);
  });

  it('refuses mtls off together with the mesh', () => {
    expect(() => loadServiceConfig('order', { SHOP_ENV: 'lab', SHOP_LAB_DISABLE: 'mtls', TRANSPORT_SECURITY: 'mesh' })).toThrow(ConfigError);
  });

  it('refuses lab switches outside the lab', () => {
    expect(() => loadServiceConfig('order', { SHOP_LAB_DISABLE: 'mtls' })).toThrow(ConfigError);
  });
});

describe('loadServiceConfig in production', () => {
  it('requires SECRETS_DIR', () => {
    expect(() => loadServiceConfig('order', { SHOP_ENV: 'production' })).toThrow(ConfigError);
  });

  it('requires SECRETS_DIR to be absolute', () => {
    expect(() => loadServiceConfig('order', { SHOP_ENV: 'production', SECRETS_DIR: 'secrets' })).toThrow(ConfigError);
  });

  it('uses SECRETS_DIR/<service>', () => {
    const config = loadServiceConfig('payment', { SHOP_ENV: 'production', SECRETS_DIR: '/run/secrets' });
    expect(config.secretsDir).toBe('/run/secrets/payment');
  });
});
