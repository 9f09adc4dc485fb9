import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ShopError } from '@shop/contracts';
import { captureSecurityEvents, type CapturedEvents } from '@shop/testing';
import { hostTableResolver, type HostResolver } from './host-resolver';
import { IMAGE_IMPORT_POLICY, type SsrfPolicy } from './ssrf-policy';
import { SsrfGuard } from './ssrf-guard';

// Real sockets, loopback only: the "internet host" is 127.0.0.2 (the policy's
// one exempt endpoint), the "internal service" 127.0.0.1. Names resolve
// through a table, never DNS.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const MAX = IMAGE_IMPORT_POLICY.maxBytes;

let internet: Server;
let internal: Server;
let internetPort: number;
let internalHits: string[];
let chunkedBytesSent: number;

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  internal = createServer((request, response) => {
    internalHits.push(request.url ?? '');
    response.end('shop_secret_metric 1\n');
  });
  const internalPort = await listen(internal, '127.0.0.1');
  internet = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    if (url.pathname === '/cat.png') return void response.writeHead(200, { 'content-type': 'text/html' }).end(PNG);
    if (url.pathname === '/page.html') return void response.writeHead(200, { 'content-type': 'image/png' }).end('<script>alert(1)</script>');
    if (url.pathname === '/big.png') return void response.writeHead(200, { 'content-length': MAX + 1 }).end(Buffer.concat([PNG, Buffer.alloc(MAX + 1 - PNG.length)]));
    if (url.pathname === '/to-internal') return void response.writeHead(302, { location: `http://127.0.0.1:${internalPort}/metrics` }).end();
    if (url.pathname === '/to-cat') return void response.writeHead(301, { location: '/cat.png' }).end();
    if (url.pathname === '/loop') return void response.writeHead(302, { location: '/loop' }).end();
    if (url.pathname === '/chunked-big.png') {
      // No Content-Length: the cap has to be counted while the body streams.
      response.writeHead(200);
      const pump = () => {
        while (chunkedBytesSent < 4 * MAX && response.write(Buffer.alloc(16 * 1024))) chunkedBytesSent += 16 * 1024;
        if (chunkedBytesSent < 4 * MAX && !response.destroyed) response.once('drain', pump);
        else response.end();
      };
      response.write(PNG);
      return pump();
    }
    if (url.pathname === '/slow.png') return void response.writeHead(200).write(PNG.subarray(0, 20)); // never ends
    response.writeHead(404).end();
  });
  internetPort = await listen(internet, '127.0.0.2');
});

afterAll(async () => {
  internet.closeAllConnections();
  await Promise.all([new Promise((r) => internet.close(r)), new Promise((r) => internal.close(r))]);
});

let captured: CapturedEvents;
beforeEach(() => {
  captured = captureSecurityEvents('inventory');
  internalHits = [];
  chunkedBytesSent = 0;
});

const table = () => hostTableResolver({ 'images.lab.test': '127.0.0.2', 'loopback.lab.test': '127.0.0.1' }, () => Promise.reject(new Error('no DNS')));
function guard(options: { enforced?: boolean; policy?: Partial<SsrfPolicy>; resolver?: HostResolver } = {}): SsrfGuard {
  const policy = { ...IMAGE_IMPORT_POLICY, exemptEndpoint: { address: '127.0.0.2', port: internetPort }, ...options.policy };
  return new SsrfGuard({ policy, resolver: options.resolver ?? table(), events: captured.events, enforced: options.enforced ?? true });
}
const on = (path: string) => `http://images.lab.test:${internetPort}${path}`;

async function outcome(fetching: Promise<unknown>): Promise<string> {
  try {
    await fetching;
    return 'fetched';
  } catch (error) {
    if (error instanceof ShopError) return error.code;
    throw error;
  }
}
const events = () => captured.lines.filter((l) => l['securityEvent'] === 'ssrf_blocked').map((l) => ({ reason: l['reason'], detail: l['detail'] }));

describe('SsrfGuard, enforced', () => {
  it('fetches an allowed image and types it from its bytes, not from the Content-Type header', async () => {
    const image = await guard().fetchImage(on('/cat.png'));
    expect(image).toEqual({ bytes: PNG, contentType: 'image/png', finalUrl: on('/cat.png'), redirects: 0 });
    expect((await guard().fetchImage(on('/to-cat'))).redirects).toBe(1);
    expect(events()).toEqual([]);
  });

  it('re-checks every redirect hop: an allowed host cannot bounce the fetch inward', async () => {
    expect(await outcome(guard().fetchImage(on('/to-internal')))).toBe('SSRF.ADDRESS_NOT_ALLOWED');
    expect(internalHits).toEqual([]);
    expect(events()).toEqual([{ reason: 'address_not_allowed', detail: expect.objectContaining({ hop: 1, range: 'loopback', address: '127.0.0.1' }) }]);
  });

  it('stops after the redirect limit', async () => {
    expect(await outcome(guard().fetchImage(on('/loop')))).toBe('SSRF.TOO_MANY_REDIRECTS');
    expect(events()).toEqual([{ reason: 'too_many_redirects', detail: expect.objectContaining({ hop: 3 }) }]);
  });

  it('refuses a body over the cap from its Content-Length, and a chunked one while it streams', async () => {
    expect(await outcome(guard().fetchImage(on('/big.png')))).toBe('SSRF.TOO_LARGE');
    expect(await outcome(guard().fetchImage(on('/chunked-big.png')))).toBe('SSRF.TOO_LARGE');
    // The server got to write at most the cap plus what sat in socket buffers, not the 2 MiB it offered.
    expect(chunkedBytesSent).toBeLessThan(4 * MAX);
    expect(events().map((e) => e.reason)).toEqual(['too_large', 'too_large']);
  });

  it('refuses a non-image whatever its Content-Type claims', async () => {
    expect(await outcome(guard().fetchImage(on('/page.html')))).toBe('SSRF.NOT_AN_IMAGE');
    expect(events()).toEqual([{ reason: 'not_an_image', detail: expect.objectContaining({ head: Buffer.from('<script>').toString('hex') }) }]);
  });

  it('gives up after the total timeout', async () => {
    expect(await outcome(guard({ policy: { timeoutMs: 300 } }).fetchImage(on('/slow.png')))).toBe('SSRF.TIMEOUT');
    expect(events().map((e) => e.reason)).toEqual(['timeout']);
  });

  it('resolves once per hop and connects to the address it checked (no DNS rebinding)', async () => {
    const answers = [['127.0.0.2'], ['127.0.0.1']];
    const rebinding = jest.fn(async () => answers.shift() ?? []);
    await guard({ resolver: rebinding }).fetchImage(`http://rebind.example:${internetPort}/cat.png`);
    expect(rebinding).toHaveBeenCalledTimes(1);
    expect(internalHits).toEqual([]);
  });

  it('refuses a name resolving to loopback, and says why in the event only', async () => {
    expect(await outcome(guard().fetchImage(`http://loopback.lab.test:${internetPort}/metrics`))).toBe('SSRF.ADDRESS_NOT_ALLOWED');
    const [line] = captured.lines;
    expect(line).toMatchObject({ securityEvent: 'ssrf_blocked', reason: 'address_not_allowed', detail: { host: 'loopback.lab.test', range: 'loopback', target: `http://loopback.lab.test:${internetPort}/metrics` } });
    const metric = await captured.metrics.registry.getSingleMetricAsString('shop_security_events_total');
    expect(metric).toContain('event="ssrf_blocked",reason="address_not_allowed",service="test"} 1');
  });

  it('reports an unreachable or failing host as IMAGE.FETCH_FAILED, not as a refusal', async () => {
    expect(await outcome(guard().fetchImage(on('/missing.png')))).toBe('IMAGE.FETCH_FAILED');
    expect(events()).toEqual([]);
  });
});

describe('SsrfGuard, lab mode with ssrf-guard off', () => {
  const off = () => guard({ enforced: false });

  it('reaches internal addresses, follows redirects inward and keeps what it gets', async () => {
    const metrics = await off().fetchImage(`http://loopback.lab.test:${(internal.address() as AddressInfo).port}/metrics`);
    expect(metrics.bytes.toString()).toContain('shop_secret_metric');
    const bounced = await off().fetchImage(on('/to-internal'));
    expect([bounced.redirects, bounced.bytes.toString()]).toEqual([1, 'shop_secret_metric 1\n']);
    expect(internalHits).toEqual(['/metrics', '/metrics']);
  });

  it('stores oversized bodies and believes the Content-Type it is told', async () => {
    expect((await off().fetchImage(on('/big.png'))).bytes.length).toBe(MAX + 1);
    expect((await off().fetchImage(on('/page.html'))).contentType).toBe('image/png');
    expect(events()).toEqual([]);
  });
});
