import { describe, expect, it } from 'vitest';
import { LegacyRandomState } from './LegacyRandomState';

describe('LegacyRandomState doubles and normals', () => {
  it('draws what numpy RandomState draws', () => {
    // numpy 2.4: r = RandomState(12345); r.random_sample(3); r.standard_normal(3)
    const random = new LegacyRandomState(12345);
    const uniforms = [random.random(), random.random(), random.random()];
    [0.92961609, 0.31637555, 0.18391881].forEach((v, i) => expect(uniforms[i]).toBeCloseTo(v, 8));
    const normals = [random.standardNormal(), random.standardNormal(), random.standardNormal()];
    [0.31616001, -1.379198, 0.45055442].forEach((v, i) => expect(normals[i]).toBeCloseTo(v, 7));
    // numpy: RandomState(7).uniform(2, 5, 2)
    const seven = new LegacyRandomState(7);
    expect(seven.uniform(2, 5)).toBeCloseTo(2.22892487, 8);
    expect(seven.uniform(2, 5)).toBeCloseTo(4.33975638, 8);
  });

  it('gives normals with mean 0 and variance 1', () => {
    const random = new LegacyRandomState(3);
    let [sum, squares] = [0, 0];
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const x = random.standardNormal();
      sum += x;
      squares += x * x;
    }
    // 5 standard errors
    expect(Math.abs(sum / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(squares / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });
});
