import { ShopError } from '@shop/contracts';
import { isIpLiteral, judgeAddress } from './address-policy';
import type { HostResolver } from './host-resolver';
import type { SsrfPolicy } from './ssrf-policy';
import { SsrfRefusal } from './ssrf-refusal';

/** Where one hop connects: the checked address itself, pinned. */
export interface Destination {
  readonly url: URL;
  /** The name for the Host header and TLS (SNI and certificate check); brackets stripped. */
  readonly hostname: string;
  readonly port: number;
  readonly address: string;
  readonly family: 4 | 6;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443 };

/**
 * Parses with the WHATWG URL parser, which already turns every IPv4 spelling
 * in a host (`2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1`) into dotted
 * decimal, and checks what the URL alone can tell: length, scheme, credentials.
 */
export function parseTarget(raw: string, policy: SsrfPolicy, enforced: boolean): URL {
  let url: URL;
  try {
    if (raw.length > policy.maxUrlLength) throw new Error('too long');
    url = new URL(raw);
  } catch {
    if (enforced) throw new SsrfRefusal('url_invalid', { length: raw.length });
    throw new ShopError('IMAGE.FETCH_FAILED', 'not a URL');
  }
  const unsupported = DEFAULT_PORTS[url.protocol] === undefined;
  if (enforced && (unsupported || !policy.schemes.includes(url.protocol))) throw new SsrfRefusal('scheme_not_allowed', { scheme: url.protocol });
  if (unsupported) throw new ShopError('IMAGE.FETCH_FAILED', `cannot fetch ${url.protocol} URLs`);
  if (enforced && (url.username || url.password)) throw new SsrfRefusal('credentials_in_url', { host: url.hostname });
  return url;
}

async function addressesOf(hostname: string, resolver: HostResolver, enforced: boolean): Promise<string[]> {
  if (isIpLiteral(hostname)) return [hostname];
  const addresses = await resolver(hostname).catch(() => []);
  if (addresses.length > 0) return addresses;
  if (enforced) throw new SsrfRefusal('host_unresolvable', { host: hostname });
  throw new ShopError('IMAGE.FETCH_FAILED', 'host not found');
}

/**
 * Resolves the URL's host once and checks every address it has (one bad
 * address refuses the lot: the client might otherwise have picked it), then
 * the port. Returns the first address, which the request connects to.
 * Unenforced (lab `ssrf-guard` off) it resolves and connects, checking nothing.
 */
export async function checkDestination(url: URL, policy: SsrfPolicy, resolver: HostResolver, enforced: boolean): Promise<Destination> {
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[url.protocol];
  const addresses = await addressesOf(hostname, resolver, enforced);
  const verdicts = addresses.map(judgeAddress);
  if (!enforced) return { url, hostname, port, address: verdicts[0].address, family: verdicts[0].family };

  const exempt = policy.exemptEndpoint ? judgeAddress(policy.exemptEndpoint.address).address : undefined;
  for (const verdict of verdicts) {
    const detail = { host: hostname, port, address: verdict.address, range: verdict.range };
    if (verdict.address === exempt) {
      if (port !== policy.exemptEndpoint?.port) throw new SsrfRefusal('port_not_allowed', detail);
      continue;
    }
    if (!verdict.allowed) throw new SsrfRefusal('address_not_allowed', detail);
    if (!policy.ports.includes(port)) throw new SsrfRefusal('port_not_allowed', detail);
  }
  return { url, hostname, port, address: verdicts[0].address, family: verdicts[0].family };
}
