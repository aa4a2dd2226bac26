/**
 * Which network addresses the gateway may connect to on a caller's behalf (fetching a media URL):
 * only public unicast addresses, unless the operator allow-lists an internal host. Pure: works on
 * the bytes of an address, so IPv4, IPv6 and IPv4 embedded in IPv6 (mapped, NAT64, 6to4) are
 * judged by one set of rules.
 */
import { isIP } from 'node:net';

/** Why an address is not public. `public` is the only range the fetcher reaches without an allow-list. */
export type AddressRange =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unique-local'
  | 'cgnat'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'reserved';

export interface ParsedIp {
  version: 4 | 6;
  bytes: Uint8Array;
}

export interface Cidr extends ParsedIp {
  prefix: number;
}

function parseIpv4(text: string): Uint8Array | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes = new Uint8Array(4);
  for (const [i, part] of parts.entries()) {
    // Dotted decimal only: "0x7f" or "0177" are other spellings of addresses, never accepted here.
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return null;
    bytes[i] = Number(part);
  }
  return bytes;
}

function parseIpv6(text: string): Uint8Array | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return null;
  let hex = text;
  if (text.includes('.')) {
    // A trailing dotted quad ("::ffff:10.0.0.1") is the last two groups written in decimal.
    const lastColon = text.lastIndexOf(':');
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (!v4) return null;
    hex = `${text.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const halves = hex.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  const given = left.length + right.length;
  if (halves.length === 2 ? given > 7 : given !== 8) return null;
  const all = [...left, ...Array.from({ length: 8 - given }, () => '0'), ...right];
  const bytes = new Uint8Array(16);
  for (const [i, group] of all.entries()) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
    const n = parseInt(group, 16);
    bytes[i * 2] = n >> 8;
    bytes[i * 2 + 1] = n & 0xff;
  }
  return bytes;
}

/** `127.0.0.1`, `::1`, `[::1]`, `::ffff:10.0.0.1` → version and bytes; null for anything else. */
export function parseIp(text: string): ParsedIp | null {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const version = isIP(bare);
  if (version === 4) {
    const bytes = parseIpv4(bare);
    return bytes ? { version: 4, bytes } : null;
  }
  if (version === 6) {
    const bytes = parseIpv6(bare);
    return bytes ? { version: 6, bytes } : null;
  }
  return null;
}

/** `10.0.0.0/8`, `fd00::/8`, or a single address (a /32 or /128). */
export function parseCidr(text: string): Cidr | null {
  const [address, prefixText, ...rest] = text.trim().split('/');
  if (rest.length) return null;
  const ip = parseIp(address);
  if (!ip) return null;
  const max = ip.version === 4 ? 32 : 128;
  if (prefixText === undefined) return { ...ip, prefix: max };
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) return null;
  return { ...ip, prefix: Number(prefixText) };
}

function matches(bytes: Uint8Array, prefixBytes: readonly number[], prefix: number): boolean {
  for (let bit = 0; bit < prefix; bit++) {
    const mask = 0x80 >> (bit % 8);
    if ((bytes[bit >> 3] & mask) !== ((prefixBytes[bit >> 3] ?? 0) & mask)) return false;
  }
  return true;
}

export function cidrContains(cidr: Cidr, ip: ParsedIp): boolean {
  return cidr.version === ip.version && matches(ip.bytes, [...cidr.bytes], cidr.prefix);
}

/** The IPv4 address an IPv6 address stands for, where it embeds one the network would reach. */
export function embeddedIpv4(ip: ParsedIp): ParsedIp | null {
  if (ip.version !== 6) return null;
  const b = ip.bytes;
  // ::ffff:a.b.c.d (IPv4-mapped) and 64:ff9b::a.b.c.d (NAT64 well-known prefix): the last 4 bytes.
  if (matches(b, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], 96) || matches(b, [0, 0x64, 0xff, 0x9b], 96)) {
    return { version: 4, bytes: b.slice(12) };
  }
  // 2002:AABB:CCDD::/48 (6to4) routes to a.b.c.d = AA.BB.CC.DD.
  if (matches(b, [0x20, 0x02], 16)) return { version: 4, bytes: b.slice(2, 6) };
  return null;
}

type Rule = [prefix: number[], bits: number, range: Exclude<AddressRange, 'public'>];

/** IANA IPv4 special-purpose registry (RFC 6890 and successors): everything not publicly routable. */
const IPV4_RULES: Rule[] = [
  [[0], 8, 'unspecified'], // 0.0.0.0/8 "this network"
  [[10], 8, 'private'],
  [[100, 64], 10, 'cgnat'], // CGNAT (RFC 6598)
  [[127], 8, 'loopback'],
  [[169, 254], 16, 'link-local'], // includes cloud metadata services (169.254.169.254)
  [[172, 16], 12, 'private'],
  [[192, 0, 0], 24, 'reserved'], // IETF protocol assignments
  [[192, 0, 2], 24, 'documentation'],
  [[192, 88, 99], 24, 'reserved'], // deprecated 6to4 relay anycast
  [[192, 168], 16, 'private'],
  [[198, 18], 15, 'reserved'], // benchmarking
  [[198, 51, 100], 24, 'documentation'],
  [[203, 0, 113], 24, 'documentation'],
  [[224], 4, 'multicast'],
  [[255, 255, 255, 255], 32, 'broadcast'],
  [[240], 4, 'reserved'],
];

const IPV6_RULES: Rule[] = [
  [[], 128, 'unspecified'], // ::
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 128, 'loopback'], // ::1
  [[0xfe, 0x80], 10, 'link-local'],
  [[0xfe, 0xc0], 10, 'private'], // deprecated site-local
  [[0xfc], 7, 'unique-local'],
  [[0xff], 8, 'multicast'],
  [[0x20, 0x01, 0x0d, 0xb8], 32, 'documentation'],
  [[0x3f, 0xff], 20, 'documentation'],
  [[0x20, 0x01], 23, 'reserved'], // IETF protocol assignments: Teredo, benchmarking, ORCHID
  [[0, 0x64, 0xff, 0x9b, 0, 1], 48, 'reserved'], // local-use NAT64
  [[0x01, 0x00], 64, 'reserved'], // discard-only
];

/**
 * The range an address belongs to. IPv6 is public only inside 2000::/3 (global unicast) and
 * outside its special blocks; an IPv6 address that embeds an IPv4 one is judged by that IPv4 one.
 */
export function classifyIp(ip: ParsedIp): AddressRange {
  const v4 = embeddedIpv4(ip);
  if (v4) return classifyIp(v4);
  const rules = ip.version === 4 ? IPV4_RULES : IPV6_RULES;
  const hit = rules.find(([prefix, bits]) => matches(ip.bytes, prefix, bits));
  if (hit) return hit[2];
  if (ip.version === 6 && !matches(ip.bytes, [0x20], 3)) return 'reserved';
  return 'public';
}

/** The address as the fetcher reports it: IPv4 in dotted form, IPv6 compressed as Node prints it. */
export function formatIp(ip: ParsedIp): string {
  if (ip.version === 4) return [...ip.bytes].join('.');
  const groups = Array.from({ length: 8 }, (_, i) => ((ip.bytes[i * 2] << 8) | ip.bytes[i * 2 + 1]).toString(16));
  // Longest run of zero groups (at least two) becomes "::".
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.length && j - i > 1) best = { start: i, length: j - i };
    i = j;
  }
  if (best.start === -1) return groups.join(':');
  return `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.length).join(':')}`;
}

/**
 * Hosts the operator lets the fetcher reach although they are not public (internal media servers):
 * IP addresses and CIDR ranges match the addresses a host resolves to (an IPv4 entry also matches
 * its IPv4-mapped IPv6 form); names match the URL host exactly, whatever it resolves to.
 */
export class AllowList {
  private constructor(
    private readonly names: ReadonlySet<string>,
    private readonly ranges: readonly Cidr[],
  ) {}

  static readonly EMPTY = new AllowList(new Set(), []);

  /** `"127.0.0.1, 10.20.0.0/16, media.intranet"`; problems name each entry that is none of those. */
  static parse(raw: string | undefined): { allowList: AllowList; problems: string[] } {
    const entries = (raw ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    const names = new Set<string>();
    const ranges: Cidr[] = [];
    const problems: string[] = [];
    for (const entry of entries) {
      const cidr = parseCidr(entry);
      if (cidr) ranges.push(cidr);
      else if (/^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(entry)) {
        names.add(entry.toLowerCase());
      } else problems.push(`"${entry}" is not an IP address, a CIDR range (10.0.0.0/8) or a host name`);
    }
    return { allowList: new AllowList(names, ranges), problems };
  }

  get size(): number {
    return this.names.size + this.ranges.length;
  }

  allowsName(host: string): boolean {
    return this.names.has(host.toLowerCase());
  }

  allowsAddress(ip: ParsedIp): boolean {
    const v4 = ip.version === 6 && matches(ip.bytes, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], 96) ? embeddedIpv4(ip) : null;
    return this.ranges.some((r) => cidrContains(r, ip) || (v4 !== null && cidrContains(r, v4)));
  }
}
