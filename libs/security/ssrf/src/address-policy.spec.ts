import { isIpLiteral, judgeAddress } from './address-policy';

// [address, range that refuses it]. Every spelling of loopback, every private,
// special-purpose and metadata range, and the IPv6 forms that embed them.
const REFUSED: ReadonlyArray<[string, string]> = [
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['2130706433', 'loopback'],
  ['0x7f000001', 'loopback'],
  ['0x7f.1', 'loopback'],
  ['0177.0.0.1', 'loopback'],
  ['127.1', 'loopback'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['10.0.0.1', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['169.254.169.254', 'cloudMetadata'],
  ['169.254.170.2', 'cloudMetadata'],
  ['169.254.1.1', 'linkLocal'],
  ['168.63.129.16', 'cloudMetadata'],
  ['100.100.100.200', 'cloudMetadata'],
  ['100.64.0.1', 'carrierGradeNat'],
  ['100.127.255.255', 'carrierGradeNat'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['240.0.0.1', 'reserved'],
  ['255.255.255.255', 'broadcast'],
  ['192.0.0.8', 'reserved'],
  ['192.0.2.10', 'reserved'],
  ['198.51.100.7', 'reserved'],
  ['203.0.113.9', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['::', 'unspecified'],
  ['fc00::1', 'uniqueLocal'],
  ['fd12:3456::1', 'uniqueLocal'],
  ['fd00:ec2::254', 'cloudMetadata'],
  ['fe80::1', 'linkLocal'],
  ['ff02::1', 'multicast'],
  ['2001:db8::1', 'reserved'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['[::ffff:7f00:1]', 'loopback'],
  ['::ffff:10.1.2.3', 'private'],
  ['::ffff:169.254.169.254', 'cloudMetadata'],
  ['0:0:0:0:0:ffff:a9fe:a9fe', 'cloudMetadata'],
  ['::127.0.0.1', 'loopback'],
  ['::7f00:1', 'notGlobalUnicast'],
  ['100::1', 'discard'],
  ['4000::1', 'notGlobalUnicast'],
  ['64:ff9b::7f00:1', 'nat64:loopback'],
  ['64:ff9b::a9fe:a9fe', 'nat64:cloudMetadata'],
  ['64:ff9b:1::a00:1', 'rfc6052'],
  ['2002:7f00:1::1', '6to4'],
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
  ['::ffff:0:7f00:1', 'rfc6145'],
  ['not-an-address', 'invalid'],
];

const ALLOWED: readonly string[] = ['93.184.215.14', '8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'];

describe('judgeAddress', () => {
  it.each(REFUSED)('refuses %s (%s)', (address, range) => {
    expect(judgeAddress(address)).toMatchObject({ allowed: false, range });
  });

  it.each(ALLOWED.map((a) => [a]))('allows the public address %s', (address) => {
    expect(judgeAddress(address)).toMatchObject({ allowed: true, range: 'unicast' });
  });

  it('connects IPv4-mapped IPv6 to the IPv4 address it stands for', () => {
    expect(judgeAddress('::ffff:8.8.8.8')).toEqual({ allowed: true, address: '8.8.8.8', family: 4, range: 'unicast' });
    expect(judgeAddress('0x7f.1').address).toBe('127.0.0.1');
  });
});

describe('isIpLiteral', () => {
  it('knows addresses from names', () => {
    expect(['127.0.0.1', '[::1]', '::ffff:7f00:1', '2130706433'].every(isIpLiteral)).toBe(true);
    expect(['images.example.com', 'localhost', '127.0.0.1.nip.io'].some(isIpLiteral)).toBe(false);
  });
});
