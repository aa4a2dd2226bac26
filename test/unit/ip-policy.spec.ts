/**
 * The address policy of the media fetcher: which addresses are public, how IPv6 and IPv4 embedded
 * in IPv6 are read, and the operator's allow-list.
 */
import {
  AllowList,
  cidrContains,
  classifyIp,
  embeddedIpv4,
  formatIp,
  parseCidr,
  parseIp,
  type AddressRange,
  type ParsedIp,
} from '../../src/common/http/ip-policy';

const ip = (text: string): ParsedIp => {
  const parsed = parseIp(text);
  if (!parsed) throw new Error(`test address ${text} does not parse`);
  return parsed;
};
const range = (text: string): AddressRange => classifyIp(ip(text));

describe('parseIp', () => {
  it('reads dotted IPv4 and every IPv6 spelling into bytes', () => {
    expect(ip('192.168.0.1')).toEqual({ version: 4, bytes: Uint8Array.from([192, 168, 0, 1]) });
    expect(ip('::1').bytes).toEqual(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]));
    expect(ip('[::1]').version).toBe(6);
    expect(ip('2001:DB8::8:800:200C:417A').bytes).toEqual(
      Uint8Array.from([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0x08, 0x08, 0, 0x20, 0x0c, 0x41, 0x7a]),
    );
    expect(ip('1:2:3:4:5:6:7:8').bytes.at(-1)).toBe(8);
    expect(ip('::').bytes.every((b) => b === 0)).toBe(true);
    expect(ip('fe80::').bytes.slice(0, 2)).toEqual(Uint8Array.from([0xfe, 0x80]));
    expect(ip('::ffff:10.1.2.3').bytes.slice(10)).toEqual(Uint8Array.from([0xff, 0xff, 10, 1, 2, 3]));
    expect(ip('::ffff:a01:203').bytes).toEqual(ip('::ffff:10.1.2.3').bytes);
    expect(ip('64:ff9b::127.0.0.1').bytes.slice(12)).toEqual(Uint8Array.from([127, 0, 0, 1]));
  });

  it('refuses anything that is not an address, and other spellings of IPv4', () => {
    for (const text of [
      '',
      'localhost',
      '1.2.3',
      '1.2.3.4.5',
      '256.1.1.1',
      '0x7f.0.0.1',
      '0177.0.0.1',
      '2130706433',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      'fe80::1%eth0',
      '::ffff:1.2.3.256',
      'gggg::1',
    ]) {
      expect(parseIp(text)).toBeNull();
    }
  });
});

describe('classifyIp: only public unicast is public', () => {
  it.each<[string, AddressRange]>([
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.254', 'cgnat'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.10', 'documentation'],
    ['192.168.1.1', 'private'],
    ['198.18.0.1', 'reserved'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
  ])('IPv4 %s → %s', (address, expected) => {
    expect(range(address)).toBe(expected);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '100.63.255.255',
    '100.128.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '192.169.0.1',
    '11.0.0.1',
    '223.255.255.255',
    '200.147.67.142',
  ])('IPv4 %s → public (just outside the special blocks, or ordinary)', (address) => {
    expect(range(address)).toBe('public');
  });

  it.each<[string, AddressRange]>([
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['fec0::1', 'private'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456:789a::1', 'unique-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['2001::1', 'reserved'], // Teredo
    ['2001:2::1', 'reserved'], // benchmarking
    ['64:ff9b:1::1', 'reserved'],
    ['100::1', 'reserved'],
    ['::127.0.0.1', 'reserved'], // deprecated IPv4-compatible: outside global unicast
    ['4000::1', 'reserved'],
    ['::2', 'reserved'],
  ])('IPv6 %s → %s', (address, expected) => {
    expect(range(address)).toBe(expected);
  });

  it.each(['2001:4860:4860::8888', '2606:4700:4700::1111', '2800:3f0:4001:80a::200e', '2a00:1450:4001::1'])(
    'IPv6 %s → public',
    (address) => {
      expect(range(address)).toBe('public');
    },
  );

  it('IPv6 that embeds IPv4 is judged by the IPv4 address (mapped, NAT64, 6to4)', () => {
    expect(range('::ffff:127.0.0.1')).toBe('loopback');
    expect(range('::ffff:7f00:1')).toBe('loopback');
    expect(range('::ffff:10.0.0.1')).toBe('private');
    expect(range('::ffff:169.254.169.254')).toBe('link-local');
    expect(range('::ffff:8.8.8.8')).toBe('public');
    expect(range('64:ff9b::192.168.0.1')).toBe('private');
    expect(range('64:ff9b::8.8.8.8')).toBe('public');
    expect(range('2002:c0a8:0101::1')).toBe('private'); // 6to4 of 192.168.1.1
    expect(range('2002:7f00:1::')).toBe('loopback');
    expect(range('2002:0808:0808::1')).toBe('public');
    expect(formatIp(embeddedIpv4(ip('::ffff:7f00:1'))!)).toBe('127.0.0.1');
    expect(embeddedIpv4(ip('2001:4860::1'))).toBeNull();
    expect(embeddedIpv4(ip('8.8.8.8'))).toBeNull();
  });
});

describe('formatIp', () => {
  it('prints IPv4 dotted and IPv6 compressed', () => {
    expect(formatIp(ip('10.1.2.3'))).toBe('10.1.2.3');
    expect(formatIp(ip('0:0:0:0:0:0:0:1'))).toBe('::1');
    expect(formatIp(ip('::'))).toBe('::');
    expect(formatIp(ip('2001:db8:0:0:1:0:0:1'))).toBe('2001:db8::1:0:0:1');
    expect(formatIp(ip('::ffff:127.0.0.1'))).toBe('::ffff:7f00:1');
    expect(formatIp(ip('1:0:2:3:4:5:6:7'))).toBe('1:0:2:3:4:5:6:7');
    expect(formatIp(ip('fe80::'))).toBe('fe80::');
  });
});

describe('CIDR ranges', () => {
  it('parses ranges and single addresses; refuses bad prefixes', () => {
    expect(parseCidr('10.0.0.0/8')).toMatchObject({ version: 4, prefix: 8 });
    expect(parseCidr('127.0.0.1')).toMatchObject({ version: 4, prefix: 32 });
    expect(parseCidr('fd00::/8')).toMatchObject({ version: 6, prefix: 8 });
    expect(parseCidr('::1')).toMatchObject({ version: 6, prefix: 128 });
    for (const bad of ['10.0.0.0/33', '::/129', '10.0.0.0/', '10.0.0.0/8/1', 'x/8', '10.0.0.0/-1']) expect(parseCidr(bad)).toBeNull();
  });

  it('contains the addresses under its prefix, of its own version only', () => {
    const net = parseCidr('10.20.0.0/16')!;
    expect(cidrContains(net, ip('10.20.255.1'))).toBe(true);
    expect(cidrContains(net, ip('10.21.0.1'))).toBe(false);
    expect(cidrContains(parseCidr('172.16.0.0/12')!, ip('172.31.0.1'))).toBe(true);
    expect(cidrContains(parseCidr('172.16.0.0/12')!, ip('172.32.0.1'))).toBe(false);
    expect(cidrContains(parseCidr('fd00::/8')!, ip('fd12::1'))).toBe(true);
    expect(cidrContains(parseCidr('0.0.0.0/0')!, ip('::1'))).toBe(false);
  });
});

describe('AllowList (MEDIA_FETCH_ALLOW_HOSTS)', () => {
  it('takes addresses, ranges and host names, comma-separated', () => {
    const { allowList, problems } = AllowList.parse(' 127.0.0.1, 10.20.0.0/16 ,fd00::/8, Media.Intranet ');
    expect(problems).toEqual([]);
    expect(allowList.size).toBe(4);
    expect(allowList.allowsAddress(ip('127.0.0.1'))).toBe(true);
    expect(allowList.allowsAddress(ip('127.0.0.2'))).toBe(false);
    expect(allowList.allowsAddress(ip('10.20.3.4'))).toBe(true);
    expect(allowList.allowsAddress(ip('fd00::5'))).toBe(true);
    expect(allowList.allowsAddress(ip('::1'))).toBe(false);
    expect(allowList.allowsName('media.intranet')).toBe(true);
    expect(allowList.allowsName('other.intranet')).toBe(false);
  });

  it('an IPv4 entry also matches its IPv4-mapped IPv6 form (the same address), not other embeddings', () => {
    const { allowList } = AllowList.parse('127.0.0.1');
    expect(allowList.allowsAddress(ip('::ffff:127.0.0.1'))).toBe(true);
    expect(allowList.allowsAddress(ip('2002:7f00:1::'))).toBe(false);
  });

  it('is empty when unset, and names each bad entry', () => {
    expect(AllowList.parse(undefined).allowList.size).toBe(0);
    expect(AllowList.parse('').allowList.size).toBe(0);
    expect(AllowList.EMPTY.allowsAddress(ip('127.0.0.1'))).toBe(false);
    expect(AllowList.parse('10.0.0.0/33, https://media, a_b').problems).toEqual([
      '"10.0.0.0/33" is not an IP address, a CIDR range (10.0.0.0/8) or a host name',
      '"https://media" is not an IP address, a CIDR range (10.0.0.0/8) or a host name',
      '"a_b" is not an IP address, a CIDR range (10.0.0.0/8) or a host name',
    ]);
  });
});
