import { checkDestination, parseTarget } from './destination-check';
import { hostTableResolver, type HostResolver } from './host-resolver';
import { IMAGE_IMPORT_POLICY, type SsrfPolicy } from './ssrf-policy';
import { SsrfRefusal } from './ssrf-refusal';

const noDns: HostResolver = () => Promise.reject(new Error('no DNS in unit tests'));
const resolver = hostTableResolver(
  { 'images.example': '93.184.215.14', 'internal.example': '10.0.0.5', 'rebound.example': '127.0.0.1', 'v6.example': '2606:4700::1111' },
  noDns,
);
const policy: SsrfPolicy = { ...IMAGE_IMPORT_POLICY, exemptEndpoint: { address: '127.0.0.2', port: 8480 } };

async function refusal(run: () => unknown): Promise<Pick<SsrfRefusal, 'reason' | 'code' | 'eventDetail'> | 'allowed'> {
  try {
    await run();
    return 'allowed';
  } catch (error) {
    if (!(error instanceof SsrfRefusal)) throw error;
    return { reason: error.reason, code: error.code, eventDetail: error.eventDetail };
  }
}

const check = (raw: string, p: SsrfPolicy = policy, enforced = true) => checkDestination(parseTarget(raw, p, enforced), p, resolver, enforced);

describe('parseTarget', () => {
  it.each([
    ['not a url', 'url_invalid'],
    ['/relative/path.png', 'url_invalid'],
    [`https://images.example/${'a'.repeat(2100)}`, 'url_invalid'],
    ['file:///etc/passwd', 'scheme_not_allowed'],
    ['gopher://images.example:70/_x', 'scheme_not_allowed'],
    ['ftp://images.example/a.png', 'scheme_not_allowed'],
    ['data:image/png;base64,iVBORw0KGgo=', 'scheme_not_allowed'],
    ['javascript:alert(1)', 'scheme_not_allowed'],
    ['https://admin:secret@images.example/a.png', 'credentials_in_url'],
    ['https://admin@images.example/a.png', 'credentials_in_url'],
  ])('refuses %s: %s', async (raw, reason) => {
    expect(await refusal(() => parseTarget(raw, policy, true))).toMatchObject({ reason });
  });

  it.each([
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://0177.0.0.01/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://[::ffff:127.0.0.1]/', '[::ffff:7f00:1]'],
    ['http://IMAGES.Example./a.png', 'images.example.'],
  ])('normalises the host of %s to %s before any check', (raw, hostname) => {
    expect(parseTarget(raw, policy, true).hostname).toBe(hostname);
  });
});

describe('checkDestination', () => {
  it('pins the first address of a public name', async () => {
    expect(await check('https://images.example/cat.png')).toMatchObject({ hostname: 'images.example', port: 443, address: '93.184.215.14', family: 4 });
    expect(await check('http://v6.example/cat.png')).toMatchObject({ port: 80, address: '2606:4700::1111', family: 6 });
  });

  it.each([
    ['http://127.0.0.1:9100/metrics', 'loopback'],
    ['http://2130706433:9100/metrics', 'loopback'],
    ['http://[::ffff:127.0.0.1]:9100/metrics', 'loopback'],
    ['http://[::1]/', 'loopback'],
    ['http://169.254.169.254/latest/meta-data/', 'cloudMetadata'],
    ['http://[::ffff:a9fe:a9fe]/latest/meta-data/', 'cloudMetadata'],
    ['http://rebound.example/', 'loopback'],
    ['http://internal.example/', 'private'],
    ['http://0.0.0.0:9100/', 'unspecified'],
  ])('refuses %s before connecting (%s)', async (raw, range) => {
    expect(await refusal(() => check(raw))).toMatchObject({ reason: 'address_not_allowed', code: 'SSRF.ADDRESS_NOT_ALLOWED', eventDetail: { range } });
  });

  it('refuses a name when any of its addresses is not public', async () => {
    const mixed: HostResolver = async () => ['93.184.215.14', '10.0.0.5'];
    const url = parseTarget('https://mixed.example/a.png', policy, true);
    expect(await refusal(() => checkDestination(url, policy, mixed, true))).toMatchObject({ reason: 'address_not_allowed', eventDetail: { address: '10.0.0.5' } });
  });

  it('refuses names that do not resolve; unlisted .test names never reach DNS', async () => {
    const fallback = jest.fn(noDns);
    const url = parseTarget('https://nowhere.lab.test/a.png', policy, true);
    expect(await refusal(() => checkDestination(url, policy, hostTableResolver({}, fallback), true))).toMatchObject({ reason: 'host_unresolvable' });
    expect(fallback).not.toHaveBeenCalled();
    expect(await refusal(() => check('https://unknown.example/a.png'))).toMatchObject({ reason: 'host_unresolvable' });
  });

  it('allows ports 80 and 443 only on public addresses', async () => {
    expect(await refusal(() => check('https://images.example:8443/a.png'))).toMatchObject({ reason: 'port_not_allowed' });
    expect(await refusal(() => check('http://images.example:22/'))).toMatchObject({ reason: 'port_not_allowed' });
    expect(await check('http://images.example:443/a.png')).toMatchObject({ port: 443 });
  });

  it('lets exactly the exempt test endpoint through, on its own port only', async () => {
    expect(await check('http://127.0.0.2:8480/cat.png')).toMatchObject({ address: '127.0.0.2', port: 8480 });
    expect(await refusal(() => check('http://127.0.0.2:9100/metrics'))).toMatchObject({ reason: 'port_not_allowed' });
    expect(await refusal(() => check('http://127.0.0.3:8480/'))).toMatchObject({ reason: 'address_not_allowed' });
    expect(await refusal(() => check('http://127.0.0.2:8480/', IMAGE_IMPORT_POLICY))).toMatchObject({ reason: 'address_not_allowed' });
  });

  it('checks nothing when the lab switches the guard off', async () => {
    expect(await check('http://rebound.example:9100/metrics', policy, false)).toMatchObject({ address: '127.0.0.1', port: 9100 });
    expect(await check('http://u:p@2130706433:9103/metrics', policy, false)).toMatchObject({ address: '127.0.0.1' });
  });
});
