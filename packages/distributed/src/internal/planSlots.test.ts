import { describe, expect, it } from 'vitest';
import { parseHosts } from './parseHosts';
import { planSlots, type Slot } from './planSlots';

const row = (s: Slot) => [s.hostname, s.rank, s.localRank, s.localSize, s.crossRank, s.crossSize];

describe('planSlots', () => {
  it('fills hosts in order on a homogeneous cluster', () => {
    const slots = planSlots(4, parseHosts('a:2,b:2'));
    expect(slots.every((s) => s.size === 4)).toBe(true);
    expect(slots.map(row)).toEqual([
      ['a', 0, 0, 2, 0, 2],
      ['a', 1, 1, 2, 0, 2],
      ['b', 2, 0, 2, 1, 2],
      ['b', 3, 1, 2, 1, 2],
    ]);
  });

  it('gives uneven hosts Horovod cross ranks (only hosts with that local rank count)', () => {
    // a:3, b:1, c:2 → local rank 0 on a,b,c; local rank 1 on a,c; local rank 2 on a only.
    expect(planSlots(6, parseHosts('a:3,b:1,c:2')).map(row)).toEqual([
      ['a', 0, 0, 3, 0, 3],
      ['a', 1, 1, 3, 0, 2],
      ['a', 2, 2, 3, 0, 1],
      ['b', 3, 0, 1, 1, 3],
      ['c', 4, 0, 2, 2, 3],
      ['c', 5, 1, 2, 1, 2],
    ]);
  });

  it('uses only the first slots when -np is smaller, dropping unused hosts', () => {
    expect(planSlots(3, parseHosts('a:2,b:2,c:2')).map(row)).toEqual([
      ['a', 0, 0, 2, 0, 2],
      ['a', 1, 1, 2, 0, 1],
      ['b', 2, 0, 1, 1, 2],
    ]);
  });

  it('matches a brute-force count of the cross ranks on random layouts', () => {
    for (let trial = 0; trial < 50; trial++) {
      const hosts = Array.from({ length: 1 + (trial % 5) }, (_, i) => ({
        hostname: `h${i}`,
        slots: 1 + ((trial * 7 + i * 3) % 4),
      }));
      const total = hosts.reduce((s, h) => s + h.slots, 0);
      const slots = planSlots(1 + (trial % total), hosts);
      for (const s of slots) {
        const sameLocal = slots.filter((o) => o.localRank === s.localRank);
        const hostsInOrder = [...new Set(sameLocal.map((o) => o.hostname))];
        expect(s.crossSize).toBe(hostsInOrder.length);
        expect(s.crossRank).toBe(hostsInOrder.indexOf(s.hostname));
        expect(s.localSize).toBe(slots.filter((o) => o.hostname === s.hostname).length);
      }
    }
  });

  it('rejects -np beyond the slots and non-positive -np', () => {
    expect(() => planSlots(5, parseHosts('a:2,b:2'))).toThrow(
      '-np 5 needs more than the 4 slots of -H a:2,b:2',
    );
    expect(() => planSlots(0, parseHosts('a:2'))).toThrow('-np must be a positive integer, got 0');
  });
});
