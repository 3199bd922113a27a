import { describe, expect, it } from 'vitest';
import { parseHosts } from './parseHosts';

describe('parseHosts', () => {
  it('reads host:slots lists, one slot by default', () => {
    expect(parseHosts('node01:4, node02:2,node03')).toEqual([
      { hostname: 'node01', slots: 4 },
      { hostname: 'node02', slots: 2 },
      { hostname: 'node03', slots: 1 },
    ]);
  });

  it('rejects bad slot counts, empty names and repeated hosts', () => {
    expect(() => parseHosts('a:0')).toThrow("-H a:0: slots of 'a' must be a positive integer, got '0'");
    expect(() => parseHosts('a:two')).toThrow(/got 'two'/);
    expect(() => parseHosts('a:1,,b:1')).toThrow(/empty host name/);
    expect(() => parseHosts('a:1,a:2')).toThrow("-H a:1,a:2: host 'a' is listed twice");
  });
});
