import { describe, expect, it } from 'vitest';
import { computeCidr } from '../../../src/sources/cloudformation/cidr.js';

describe('Fn::Cidr', () => {
  it('splits an IPv4 block from its network address', () => {
    expect(computeCidr('10.0.0.0/16', 3, 8)).toEqual({ cidrs: ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24'] });
    expect(computeCidr('192.168.7.9/24', 2, 5)).toEqual({ cidrs: ['192.168.7.0/27', '192.168.7.32/27'] });
  });

  it('splits an IPv6 block, written the RFC 5952 way', () => {
    expect(computeCidr('2001:db8:1234:1a00::/56', 2, 64)).toEqual({ cidrs: ['2001:db8:1234:1a00::/64', '2001:db8:1234:1a01::/64'] });
    expect(computeCidr('::/0', 2, 127)).toEqual({ cidrs: ['::/1', '8000::/1'] });
  });

  it('reports what does not fit', () => {
    expect(computeCidr('10.0.0.0/24', 300, 2)).toEqual({ error: 'count 300 is not between 1 and 256' });
    expect(computeCidr('10.0.0.0/24', 5, 6)).toEqual({ error: '10.0.0.0/24 holds fewer than 5 subnets of /26' });
    expect(computeCidr('10.0.0.0/24', 1, 9)).toEqual({ error: 'cidrBits 9 does not fit in 10.0.0.0/24' });
    expect(computeCidr('10.0.0.300/24', 1, 2)).toEqual({ error: '"10.0.0.300/24" is not a CIDR block' });
  });
});
