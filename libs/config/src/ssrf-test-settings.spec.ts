import { ConfigError } from './lab-mode';
import { loadServiceConfig } from './service-config';
import { readSsrfTestSettings } from './ssrf-test-settings';

const LAB_INTERNET = { SHOP_TEST_SSRF_HOSTS: 'images.lab.test=127.0.0.2, metadata.lab.test=127.0.0.3', SHOP_TEST_SSRF_PUBLIC_ENDPOINT: '127.0.0.2:8480' };

describe('SSRF test settings', () => {
  it('are absent unless set', () => {
    expect(readSsrfTestSettings('test', {})).toBeUndefined();
    expect(loadServiceConfig('inventory', {}).ssrfTest).toBeUndefined();
  });

  it('parse the stand-in names and the one exempt endpoint', () => {
    expect(loadServiceConfig('inventory', { SHOP_ENV: 'test', ...LAB_INTERNET }).ssrfTest).toEqual({
      hosts: { 'images.lab.test': '127.0.0.2', 'metadata.lab.test': '127.0.0.3' },
      publicEndpoint: { address: '127.0.0.2', port: 8480 },
    });
  });

  it('stop a production start', () => {
    expect(() => loadServiceConfig('inventory', { SHOP_ENV: 'production', SECRETS_DIR: '/run/secrets', ...LAB_INTERNET })).toThrow(
      /test-only settings; refusing to start with SHOP_ENV=production/,
    );
    expect(() => readSsrfTestSettings('production', { SHOP_TEST_SSRF_PUBLIC_ENDPOINT: '127.0.0.2:8480' })).toThrow(ConfigError);
  });

  it.each([
    ['images.example.com=127.0.0.2'],
    ['images.lab.test=10.0.0.1'],
    ['images.lab.test=::1'],
    ['images.lab.test'],
    ['images.lab.test=127.0.0.2=x'],
  ])('refuse the host entry %s (only .test names, only 127.0.0.0/8)', (entry) => {
    expect(() => readSsrfTestSettings('test', { SHOP_TEST_SSRF_HOSTS: entry })).toThrow(ConfigError);
  });

  it.each([['127.0.0.1:8480'], ['10.0.0.2:80'], ['127.0.0.2'], ['127.0.0.2:0'], ['127.0.0.2:70000'], ['[::1]:80']])(
    'refuse the exempt endpoint %s (loopback, never 127.0.0.1, with a port)',
    (endpoint) => {
      expect(() => readSsrfTestSettings('lab', { SHOP_TEST_SSRF_PUBLIC_ENDPOINT: endpoint })).toThrow(ConfigError);
    },
  );
});
