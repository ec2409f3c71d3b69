import { isIPv4, isIPv6 } from 'node:net';

/** An address as bytes: 4 for IPv4, 16 for IPv6. */
export type AddressBytes = number[];

/** A CIDR block: the address bytes and how many leading bits are fixed. */
export interface Cidr {
  bytes: AddressBytes;
  bits: number;
}

/** Bytes of a dotted-quad IPv4 address (already canonical: the URL parser turns `0x7f.1`, `2130706433`… into one). */
function v4Bytes(ip: string): AddressBytes {
  return ip.split('.').map(Number);
}

/** Bytes of an IPv6 address in any textual form (`::`, embedded dotted quad, zone id ignored). */
function v6Bytes(ip: string): AddressBytes {
  let text = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = v4Bytes(dotted[1]);
    text = text.slice(0, dotted.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return groups.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}

/** Bytes of an IP literal, or null when `ip` is not one. */
export function addressBytes(ip: string): AddressBytes | null {
  const bare = ip.replace(/^\[|\]$/g, '');
  if (isIPv4(bare)) return v4Bytes(bare);
  if (isIPv6(bare)) return v6Bytes(bare);
  return null;
}

/** `10.0.0.0/8`, `fe80::/10`, or a single address (all bits); null when malformed. */
export function parseCidr(text: string): Cidr | null {
  const [ip, bitsText, ...rest] = text.trim().split('/');
  const bytes = addressBytes(ip);
  if (!bytes || rest.length) return null;
  const max = bytes.length * 8;
  const bits = bitsText === undefined ? max : Number(bitsText);
  if (!/^\d+$/.test(bitsText ?? String(max)) || bits > max) return null;
  return { bytes, bits };
}

export function inCidr(address: AddressBytes, cidr: Cidr): boolean {
  if (address.length !== cidr.bytes.length) return false;
  for (let bit = 0; bit < cidr.bits; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if ((address[byte] & mask) !== (cidr.bytes[byte] & mask)) return false;
  }
  return true;
}

const cidrs = (list: [string, string][]) => list.map(([text, why]) => ({ cidr: parseCidr(text)!, why }));

/** IPv4 blocks a webhook may not reach (RFC 6890 special-purpose), with the reason given. */
const V4_FORBIDDEN = cidrs([
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'carrier-grade NAT'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'IETF protocol assignments'],
  ['192.0.2.0/24', 'documentation'],
  ['192.88.99.0/24', '6to4 relay anycast'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
]);

/** IPv6 blocks a webhook may not reach; the forms that embed an IPv4 address are judged by that address. */
const V6_FORBIDDEN = cidrs([
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['100::/64', 'discard-only'],
  ['2001:db8::/32', 'documentation'],
  ['fc00::/7', 'private (unique local)'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'site-local'],
  ['ff00::/8', 'multicast'],
]);

/** IPv6 forms carrying an IPv4 address: IPv4-mapped, IPv4-compatible, NAT64 (well-known), 6to4; [prefix, offset of the IPv4 bytes]. */
const V6_EMBEDDING: [Cidr, number][] = [
  [parseCidr('::ffff:0:0/96')!, 12],
  [parseCidr('::/96')!, 12],
  [parseCidr('64:ff9b::/96')!, 12],
  [parseCidr('64:ff9b:1::/48')!, 12],
  [parseCidr('2002::/16')!, 2],
];

/** Why an address is not a public unicast destination, or null when it is. */
export function forbiddenBecause(address: AddressBytes): string | null {
  if (address.length === 4) return V4_FORBIDDEN.find((f) => inCidr(address, f.cidr))?.why ?? null;
  const own = V6_FORBIDDEN.find((f) => inCidr(address, f.cidr))?.why;
  if (own) return own;
  for (const [prefix, offset] of V6_EMBEDDING) {
    if (inCidr(address, prefix)) {
      const inner = forbiddenBecause(address.slice(offset, offset + 4));
      return inner ? `${inner} (IPv4 embedded in IPv6)` : null;
    }
  }
  return null;
}
