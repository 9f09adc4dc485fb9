import { readDevEnvironment } from './dev-environment';
import { ConfigError } from './lab-mode';

describe('readDevEnvironment database', () => {
  it('uses the embedded PostgreSQL when neither DATABASE_URL nor PGHOST is set', () => {
    expect(readDevEnvironment({}).database).toEqual({ kind: 'embedded' });
  });

  it('parses DATABASE_URL, decoding a percent-encoded password', () => {
    // secretlint-disable-next-line -- a made-up password in a parser fixture, never a real credential
    const { database } = readDevEnvironment({ DATABASE_URL: 'postgres://shop:p%40ss%3Aw%2Fd@db.example:6543/shopdb' });
    expect(database).toEqual({ kind: 'external', host: 'db.example', port: 6543, user: 'shop', password: 'p@ss:w/d', database: 'shopdb' });
  });

  it('fills in the default port and user, and leaves password and database unset', () => {
    const { database } = readDevEnvironment({ DATABASE_URL: 'postgresql://db.example' });
    expect(database).toEqual({ kind: 'external', host: 'db.example', port: 5432, user: 'postgres', password: undefined, database: undefined });
  });

  it('prefers DATABASE_URL over PGHOST', () => {
    const { database } = readDevEnvironment({ DATABASE_URL: 'postgres://a@url-host/x', PGHOST: 'pg-host' });
    expect(database).toMatchObject({ kind: 'external', host: 'url-host' });
  });

  it('reads PGHOST, PGPORT, PGUSER and PGPASSWORD', () => {
    const { database } = readDevEnvironment({ PGHOST: 'pg-host', PGPORT: '6000', PGUSER: 'shop', PGPASSWORD: 'secret' });
    expect(database).toEqual({ kind: 'external', host: 'pg-host', port: 6000, user: 'shop', password: 'secret' });
  });

  it('defaults PGPORT and PGUSER', () => {
    expect(readDevEnvironment({ PGHOST: 'pg-host' }).database).toEqual({ kind: 'external', host: 'pg-host', port: 5432, user: 'postgres', password: undefined });
  });

  it.each(['not a url', 'mysql://root@db/shop', 'http://db.example'])('rejects DATABASE_URL=%s', (url) => {
    expect(() => readDevEnvironment({ DATABASE_URL: url })).toThrow(ConfigError);
  });
});

describe('readDevEnvironment posture', () => {
  it('defaults to development with no lab switches and no offset', () => {
    expect(readDevEnvironment({})).toMatchObject({ shopEnv: 'development', labDisable: '', portOffset: 0, redisUrl: undefined });
  });

  it('passes lab settings on when SHOP_ENV=lab', () => {
    expect(readDevEnvironment({ SHOP_ENV: 'lab', SHOP_LAB_DISABLE: 'rls' }).labDisable).toBe('rls');
  });

  it.each([
    { SHOP_ENV: 'staging' },
    { SHOP_LAB_DISABLE: 'mtls' },
    { SHOP_ENV: 'lab', SHOP_LAB_DISABLE: 'nothing-real' },
    { SHOP_PORT_OFFSET: '-5' },
    { SHOP_PORT_OFFSET: '2.5' },
    { SHOP_PORT_OFFSET: '20000' },
  ])('refuses %o before anything starts', (env) => {
    expect(() => readDevEnvironment(env)).toThrow(ConfigError);
  });
});
