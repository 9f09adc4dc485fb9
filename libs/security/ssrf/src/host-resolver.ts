import { lookup } from 'node:dns/promises';

/**
 * Every address a host name resolves to. The guard calls it once per hop and
 * connects to an address it returned, so the HTTP client never resolves the
 * name a second time (no DNS-rebinding window between check and connect).
 */
export type HostResolver = (hostname: string) => Promise<string[]>;

/** The operating system's resolver (getaddrinfo, /etc/hosts included), in its own order. */
export const systemResolver: HostResolver = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** Host names compare without case and without the root's trailing dot. */
const canonical = (hostname: string) => hostname.toLowerCase().replace(/\.$/, '');

/**
 * A fixed table of names, consulted before `fallback`: how tests and the lab
 * point names at their 127.0.0.x stand-ins. A name under the reserved `.test`
 * top-level domain (RFC 6761) that the table does not list fails here and
 * never becomes a DNS query leaving the machine.
 */
export function hostTableResolver(table: Readonly<Record<string, string>>, fallback: HostResolver = systemResolver): HostResolver {
  const entries = new Map(Object.entries(table).map(([name, address]) => [canonical(name), address]));
  return async (hostname) => {
    const name = canonical(hostname);
    const address = entries.get(name);
    if (address) return [address];
    if (name === 'test' || name.endsWith('.test')) return [];
    return fallback(hostname);
  };
}
