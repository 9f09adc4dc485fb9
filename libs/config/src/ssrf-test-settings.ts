import { isIPv4 } from 'node:net';
import { ConfigError, type ShopEnv } from './lab-mode';
import type { Environment } from './service-config';

/**
 * How tests and the attack lab point inventory's SSRF guard at their local
 * stand-ins for "the internet" and "the metadata service". Test only: with
 * SHOP_ENV=production either setting stops the process at start.
 */
export interface SsrfTestSettings {
  /** `SHOP_TEST_SSRF_HOSTS`: `name=address,...`, answered before DNS. */
  readonly hosts: Readonly<Record<string, string>>;
  /** `SHOP_TEST_SSRF_PUBLIC_ENDPOINT`: `127.0.0.x:port`, the one stand-in the guard treats as public. */
  readonly publicEndpoint?: { readonly address: string; readonly port: number };
}

const isLabel = (label: string) => /^[a-z0-9-]{1,63}$/.test(label) && !label.startsWith('-') && !label.endsWith('-');
/** Only names under the reserved `.test` domain (RFC 6761): a real name can never be redirected. */
function isTestName(name: string): boolean {
  const labels = name.split('.');
  return labels.length >= 2 && labels.at(-1) === 'test' && labels.every(isLabel);
}
/** Only loopback: the stand-ins live on this machine and nothing leaves 127.0.0.0/8. */
const isLoopbackV4 = (address: string) => isIPv4(address) && address.startsWith('127.');

function parseHosts(raw: string): Record<string, string> {
  const hosts: Record<string, string> = {};
  for (const entry of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [name, address, extra] = entry.split('=');
    if (extra !== undefined || !name || !isTestName(name) || !address || !isLoopbackV4(address)) {
      throw new ConfigError(`SHOP_TEST_SSRF_HOSTS entries must be <name>.test=127.x.y.z (got "${entry}")`);
    }
    hosts[name] = address;
  }
  return hosts;
}

function parseEndpoint(raw: string): { address: string; port: number } {
  const match = /^(\d+\.\d+\.\d+\.\d+):(\d{1,5})$/.exec(raw);
  const port = Number(match?.[2]);
  // Never 127.0.0.1: the services listen there, and the exemption must not reach them.
  if (!match || !isLoopbackV4(match[1]) || match[1] === '127.0.0.1' || port < 1 || port > 65_535) {
    throw new ConfigError(`SHOP_TEST_SSRF_PUBLIC_ENDPOINT must be 127.x.y.z:port, not 127.0.0.1 (got "${raw}")`);
  }
  return { address: match[1], port };
}

export function readSsrfTestSettings(shopEnv: ShopEnv, env: Environment): SsrfTestSettings | undefined {
  const hosts = env['SHOP_TEST_SSRF_HOSTS'];
  const endpoint = env['SHOP_TEST_SSRF_PUBLIC_ENDPOINT'];
  if (!hosts && !endpoint) return undefined;
  if (shopEnv === 'production') {
    throw new ConfigError('SHOP_TEST_SSRF_HOSTS and SHOP_TEST_SSRF_PUBLIC_ENDPOINT are test-only settings; refusing to start with SHOP_ENV=production');
  }
  return { hosts: hosts ? parseHosts(hosts) : {}, publicEndpoint: endpoint ? parseEndpoint(endpoint) : undefined };
}
