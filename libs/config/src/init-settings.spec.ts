import { ConfigError } from './lab-mode';
import { readInitSettings } from './init-settings';

const base = { SECRETS_DIR: '/run/secrets/shop', SHOP_PKI_DIR: '/run/pki', SHOP_DB_ADMIN_PASSWORD_FILE: '/run/secrets/shop/postgres/password' };

describe('platform-init settings', () => {
  it('defaults to `all` against the compose/k8s database host', () => {
    const settings = readInitSettings([], base);
    expect(settings.command).toBe('all');
    expect(settings.db).toEqual({ host: 'postgres', port: 5432, database: 'shop', adminUser: 'postgres' });
  });

  it('refuses an unknown command, a relative path, a bad port and production', () => {
    expect(() => readInitSettings(['seed'], base)).toThrow(ConfigError);
    expect(() => readInitSettings(['secrets'], { ...base, SECRETS_DIR: 'secrets' })).toThrow(/SECRETS_DIR must be an absolute path/);
    expect(() => readInitSettings(['secrets'], { ...base, SHOP_DB_PORT: '70000' })).toThrow(/SHOP_DB_PORT/);
    expect(() => readInitSettings(['secrets'], { ...base, SHOP_ENV: 'production' })).toThrow(/refuses SHOP_ENV=production/);
  });
});
