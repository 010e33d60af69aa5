/**
 * IPv4 and IPv6 addresses and CIDR ranges for `IpAddress`/`NotIpAddress`. "If you specify an IP
 * address without the associated routing prefix, IAM uses the default prefix value of /32" (and
 * /128 for IPv6). Addresses of the two families never match each other. IPv4 uses plain 32-bit
 * integers (the common case, and fast); IPv6 uses bigints.
 */

export type Ip = { v6: false; v4: number } | { v6: true; value: bigint };

export type Cidr = { v6: false; network: number; mask: number } | { v6: true; network: bigint; prefix: number };

export function parseIp(text: string): Ip | undefined {
  const t = text.trim();
  if (t.includes(':')) {
    const value = parseV6(t);
    return value === undefined ? undefined : { v6: true, value };
  }
  const v4 = parseV4(t);
  return v4 === undefined ? undefined : { v6: false, v4 };
}

export function parseCidr(text: string): Cidr | undefined {
  const [addr, bits, extra] = text.trim().split('/');
  if (extra !== undefined || addr === undefined) return undefined;
  const ip = parseIp(addr);
  if (!ip) return undefined;
  const width = ip.v6 ? 128 : 32;
  if (bits !== undefined && !/^\d{1,3}$/.test(bits)) return undefined;
  const prefix = bits === undefined ? width : Number(bits);
  if (prefix > width) return undefined;
  if (!ip.v6) {
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    return { v6: false, network: (ip.v4 & mask) >>> 0, mask };
  }
  const host = BigInt(128 - prefix);
  return { v6: true, network: (ip.value >> host) << host, prefix };
}

export function cidrContains(cidr: Cidr, ip: Ip): boolean {
  if (!cidr.v6) return !ip.v6 && ((ip.v4 & cidr.mask) >>> 0) === cidr.network;
  if (!ip.v6) return false;
  const host = BigInt(128 - cidr.prefix);
  return (ip.value >> host) << host === cidr.network;
}

function parseV4(t: string): number | undefined {
  const parts = t.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    v = v * 256 + Number(p);
  }
  return v;
}

function parseV6(t: string): bigint | undefined {
  let text = t;
  // An embedded IPv4 tail (::ffff:192.0.2.1) becomes two groups.
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseV4(tail);
    if (v4 === undefined) return undefined;
    text = `${text.slice(0, lastColon + 1)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? head.length !== 8 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  let v = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  return v;
}
