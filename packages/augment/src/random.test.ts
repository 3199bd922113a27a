import { describe, expect, it } from 'vitest';
import { Random } from './random';
import { expectBinomial, expectMean } from './internal/testing';

describe('Random', () => {
  it('matches the reference C implementation of xoshiro128** (known-answer vectors)', () => {
    // Produced by Blackman & Vigna's xoshiro128starstar.c compiled with gcc, from the same states.
    const r = Random.fromState([1, 2, 3, 4]);
    expect(Array.from({ length: 8 }, () => r.nextUint32())).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849,
    ]);
    const q = Random.fromState([0x9e3779b9, 0xdeadbeef, 0x12345678, 0xcafebabe]);
    for (let i = 0; i < 1000; i++) q.nextUint32();
    expect(Array.from({ length: 4 }, () => q.nextUint32())).toEqual([
      1063874299, 1974558382, 4036404422, 1467111325,
    ]);
  });

  it('derives the same stream from the same seed and path, different streams otherwise', () => {
    const draw = (r: Random) => Array.from({ length: 16 }, () => r.nextUint32());
    expect(draw(Random.derive(42, 1, 7))).toEqual(draw(Random.derive(42, 1, 7)));
    const streams = [
      Random.derive(42),
      Random.derive(43),
      Random.derive(42, 0),
      Random.derive(42, 1, 7),
      Random.derive(42, 7, 1),
      Random.derive(42, 2 ** 32),
      Random.derive(42, 1, 7, 0),
    ].map((r) => draw(r).join());
    expect(new Set(streams).size).toBe(streams.length);
  });

  it('forks without advancing the parent; a fork is fixed until the parent draws', () => {
    const parent = Random.derive(5);
    const a = parent.fork(3).nextUint32();
    expect(parent.fork(3).nextUint32()).toBe(a);
    expect(parent.fork(4).nextUint32()).not.toBe(a);
    const copy = Random.derive(5);
    expect(parent.nextUint32()).toBe(copy.nextUint32());
    expect(parent.fork(3).nextUint32()).not.toBe(a);
  });

  it('float() is uniform on [0, 1): range, mean, variance and decile counts', () => {
    const r = Random.derive(1);
    const n = 100_000;
    const xs = Array.from({ length: n }, () => r.float());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expectMean(xs, 0.5, 1 / 12);
    expectMean(
      xs.map((x) => (x - 0.5) ** 2),
      1 / 12,
      1 / 80 - 1 / 144,
    );
    for (let k = 0; k < 10; k++) {
      expectBinomial(xs.filter((x) => x >= k / 10 && x < (k + 1) / 10).length, n, 0.1);
    }
  });

  it('uniform(lo, hi) and chance(p) have the requested range and rate', () => {
    const r = Random.derive(2);
    const xs = Array.from({ length: 20_000 }, () => r.uniform(-3, 5));
    expect(xs.every((x) => x >= -3 && x < 5)).toBe(true);
    expectMean(xs, 1, 64 / 12);
    let hits = 0;
    for (let i = 0; i < 20_000; i++) if (r.chance(0.15)) hits++;
    expectBinomial(hits, 20_000, 0.15);
    expect(Array.from({ length: 100 }, () => r.chance(0)).some(Boolean)).toBe(false);
    expect(Array.from({ length: 100 }, () => r.chance(1)).every(Boolean)).toBe(true);
  });

  it('int(n) is unbiased over [0, n)', () => {
    const r = Random.derive(3);
    for (const n of [1, 2, 7, 1000, 3_000_000_000]) {
      const counts = new Map<number, number>();
      const draws = 20_000;
      let outside = 0;
      for (let i = 0; i < draws; i++) {
        const k = r.int(n);
        if (!(Number.isInteger(k) && k >= 0 && k < n)) outside++;
        if (n <= 7) counts.set(k, (counts.get(k) ?? 0) + 1);
      }
      expect(outside).toBe(0);
      if (n <= 7) for (let k = 0; k < n; k++) expectBinomial(counts.get(k) ?? 0, draws, 1 / n);
    }
    // A modulo-biased int(3e9) would put 2/3 of draws below 1.29e9 instead of 0.43; checked here.
    let low = 0;
    for (let i = 0; i < 20_000; i++) if (r.int(3_000_000_000) < 1_294_967_296) low++;
    expectBinomial(low, 20_000, 1_294_967_296 / 3_000_000_000);
    expect(() => r.int(0)).toThrow(/Random.int/);
    expect(() => r.int(2.5)).toThrow(/Random.int/);
  });

  it('normal() has mean 0, variance 1, kurtosis 3 and the 68% rule', () => {
    const r = Random.derive(4);
    const n = 100_000;
    const zs = Array.from({ length: n }, () => r.normal());
    expectMean(zs, 0, 1);
    expectMean(
      zs.map((z) => z * z),
      1,
      2,
    );
    expectMean(
      zs.map((z) => z ** 4),
      3,
      96,
    );
    expectBinomial(zs.filter((z) => Math.abs(z) < 1).length, n, 0.6826894921370859);
  });

  it('gives uncorrelated sibling streams', () => {
    const parent = Random.derive(9);
    const a = parent.fork(0);
    const b = parent.fork(1);
    const n = 20_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (a.float() - 0.5) * (b.float() - 0.5);
    // Each product has variance 1/144.
    expect(Math.abs(sum / n)).toBeLessThan(5 * Math.sqrt(1 / 144 / n));
  });

  it('rejects bad seeds and states with messages naming the argument', () => {
    expect(() => Random.derive(-1)).toThrow(/seed must be an integer/);
    expect(() => Random.derive(1, 0.5)).toThrow(/path\[0\]/);
    expect(() => Random.fromState([0, 0, 0, 0])).toThrow(/all zero/);
    expect(() => Random.fromState([1, 2, 3])).toThrow(/four uint32/);
    expect(() => Random.derive(1).fork(-2)).toThrow(/keys\[0\]/);
  });
});
