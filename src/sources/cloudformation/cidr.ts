// Fn::Cidr is deterministic: the first `count` subnets of `ipBlock`, each with `cidrBits` host
// bits (so a /24 for cidrBits 8 in IPv4), starting at the block's network address.

export type CidrResult = { cidrs: string[] } | { error: string };

interface Family {
  bits: number;
  parse(address: string): bigint | undefined;
  format(address: bigint): string;
}

const IPV4: Family = {
  bits: 32,
  parse(address) {
    const parts = address.split('.');
    if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
    return parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
  },
  format(address) {
    return [24n, 16n, 8n, 0n].map((s) => String((address >> s) & 0xffn)).join('.');
  },
};

const IPV6: Family = {
  bits: 128,
  parse(address) {
    const halves = address.split('::');
    if (halves.length > 2) return undefined;
    const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
    const head = groups(halves[0]!);
    const tail = halves.length === 2 ? groups(halves[1]!) : [];
    const missing = 8 - head.length - tail.length;
    if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
    const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
    if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
    return all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
  },
  // RFC 5952: lower case, no leading zeros, the longest run (2+) of zero groups as `::`.
  format(address) {
    const groups = Array.from({ length: 8 }, (_, i) => Number((address >> BigInt(112 - 16 * i)) & 0xffffn));
    let best = { start: -1, length: 1 };
    for (let i = 0; i < 8; ) {
      if (groups[i] !== 0) {
        i++;
        continue;
      }
      let j = i;
      while (j < 8 && groups[j] === 0) j++;
      if (j - i > best.length) best = { start: i, length: j - i };
      i = j;
    }
    const hex = groups.map((g) => g.toString(16));
    if (best.start < 0) return hex.join(':');
    return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
  },
};

export function computeCidr(ipBlock: string, count: number, cidrBits: number): CidrResult {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(ipBlock.trim());
  if (!match) return { error: `"${ipBlock}" is not a CIDR block` };
  const family = match[1]!.includes(':') ? IPV6 : IPV4;
  const base = family.parse(match[1]!);
  const prefix = Number(match[2]);
  if (base === undefined || prefix > family.bits) return { error: `"${ipBlock}" is not a CIDR block` };
  if (!Number.isInteger(count) || count < 1 || count > 256) return { error: `count ${count} is not between 1 and 256` };
  const newPrefix = family.bits - cidrBits;
  if (!Number.isInteger(cidrBits) || cidrBits < 1 || newPrefix < prefix) {
    return { error: `cidrBits ${cidrBits} does not fit in ${ipBlock}` };
  }
  if (BigInt(count) > 1n << BigInt(newPrefix - prefix)) {
    return { error: `${ipBlock} holds fewer than ${count} subnets of /${newPrefix}` };
  }
  const width = BigInt(family.bits);
  const network = (base >> (width - BigInt(prefix))) << (width - BigInt(prefix));
  const step = 1n << BigInt(cidrBits);
  return { cidrs: Array.from({ length: count }, (_, i) => `${family.format(network + BigInt(i) * step)}/${newPrefix}`) };
}
