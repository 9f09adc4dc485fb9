import ipaddr = require('ipaddr.js');

export interface AddressVerdict {
  readonly allowed: boolean;
  /** Where to connect: IPv4-mapped IPv6 becomes the IPv4 address it stands for. */
  readonly address: string;
  readonly family: 4 | 6;
  /**
   * The range that decided: `unicast` when allowed, otherwise an ipaddr.js
   * range name (`loopback`, `private`, `linkLocal`, `carrierGradeNat`,
   * `uniqueLocal`, `reserved`, ...) or one of ours (`cloudMetadata`,
   * `notGlobalUnicast`, `nat64:<range of the embedded IPv4>`, `invalid`).
   */
  readonly range: string;
}

/**
 * Metadata services that are not all covered by a range: Azure's wire server
 * (168.63.129.16) is a public address. The others are listed so the event
 * names them for what they are.
 */
const CLOUD_METADATA = new Set(
  ['169.254.169.254', '169.254.170.2', '168.63.129.16', '100.100.100.200', '192.0.0.192', 'fd00:ec2::254'].map((a) => ipaddr.parse(a).toNormalizedString()),
);

/** Everything public on IPv6 lies in 2000::/3; ::/96 (IPv4-compatible), 100::/64 and the rest do not. */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');
/** NAT64 well-known prefix (RFC 6052): the last 32 bits are an IPv4 address, judged as such. */
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

const refuse = (address: string, family: 4 | 6, range: string): AddressVerdict => ({ allowed: false, address, family, range });

function judgeIPv4(ip: ipaddr.IPv4): AddressVerdict {
  const address = ip.toString();
  if (CLOUD_METADATA.has(ip.toNormalizedString())) return refuse(address, 4, 'cloudMetadata');
  const range = ip.range();
  return { allowed: range === 'unicast', address, family: 4, range };
}

function judgeIPv6(ip: ipaddr.IPv6): AddressVerdict {
  if (ip.isIPv4MappedAddress()) return judgeIPv4(ip.toIPv4Address());
  const address = ip.toString();
  if (CLOUD_METADATA.has(ip.toNormalizedString())) return refuse(address, 6, 'cloudMetadata');
  if (ip.match(NAT64_WELL_KNOWN)) {
    const embedded = judgeIPv4(ipaddr.IPv4.parse(ip.toByteArray().slice(12).join('.')));
    return { allowed: embedded.allowed, address, family: 6, range: embedded.allowed ? 'unicast' : `nat64:${embedded.range}` };
  }
  const range = ip.range();
  if (range !== 'unicast') return refuse(address, 6, range);
  // 6to4 (2002::/16) and Teredo (2001::/32) embed IPv4 too; ipaddr.js names them, so they never get here.
  if (!ip.match(GLOBAL_UNICAST_V6)) return refuse(address, 6, 'notGlobalUnicast');
  return { allowed: true, address, family: 6, range };
}

/**
 * Is `raw` a public unicast address? Any IPv4 spelling ipaddr.js accepts
 * (dotted, decimal, octal, hex, one to four parts) and any IPv6 spelling is
 * parsed first, so `0x7f.1`, `2130706433` and `::ffff:127.0.0.1` are judged
 * as the 127.0.0.1 they are.
 */
export function judgeAddress(raw: string): AddressVerdict {
  const text = raw.startsWith('[') && raw.endsWith(']') ? raw.slice(1, -1) : raw;
  if (!ipaddr.isValid(text)) return refuse(raw, 4, 'invalid');
  const ip = ipaddr.parse(text);
  return ip.kind() === 'ipv4' ? judgeIPv4(ip as ipaddr.IPv4) : judgeIPv6(ip as ipaddr.IPv6);
}

/** True when `raw` is an IP address in any spelling ipaddr.js understands. */
export function isIpLiteral(raw: string): boolean {
  const text = raw.startsWith('[') && raw.endsWith(']') ? raw.slice(1, -1) : raw;
  return ipaddr.isValid(text);
}
