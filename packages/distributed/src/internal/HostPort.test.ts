import { describe, expect, it } from 'vitest';
import { formatHostPort, parseHostPort } from './HostPort';

describe('parseHostPort / formatHostPort', () => {
  it('round-trips names, IPv4 and bracketed IPv6 addresses', () => {
    for (const text of ['node01:29500', '10.0.0.7:1', '[::1]:65535', '[fe80::1%eth0]:8']) {
      expect(formatHostPort(parseHostPort(text, 'X'))).toBe(text);
    }
    expect(parseHostPort('[::1]:80', 'X')).toEqual({ host: '::1', port: 80 });
  });

  it('names the source and the bad value', () => {
    expect(() => parseHostPort('node01', 'NNUNET_RENDEZVOUS')).toThrow(
      "NNUNET_RENDEZVOUS: expected host:port with a port in 1..65535, got 'node01'",
    );
    expect(() => parseHostPort('a:70000', 'X')).toThrow(/got 'a:70000'/);
    expect(() => parseHostPort('a:0', 'X')).toThrow(/got 'a:0'/);
    expect(() => parseHostPort('::1:80', 'X')).toThrow(/got '::1:80'/);
  });
});
