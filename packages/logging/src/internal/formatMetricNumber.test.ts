import { describe, expect, it } from 'vitest';
import { formatMetricNumber } from './formatMetricNumber';

describe('formatMetricNumber', () => {
  it.each([
    [3, '3'],
    [-12, '-12'],
    [0, '0'],
    [123456789, '123456789'],
    [0.41234567, '0.4123'],
    [0.87, '0.87'],
    [0.5, '0.5'],
    [12.345678, '12.35'],
    [-1.23456, '-1.235'],
    [0.001234567, '0.001235'],
    [1234.5678, '1235'],
    [9999.99, '10000'],
    [12345.678, '12345.7'],
    [12345.04, '12345'],
    [3e-4, '3e-4'],
    [1.23456e-7, '1.235e-7'],
    [-5e-5, '-5e-5'],
    [1.5e21, '1.5e+21'],
    [NaN, 'nan'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
  ])('%s -> %s', (value, expected) => {
    expect(formatMetricNumber(value)).toBe(expected);
  });

  it('keeps 4 significant digits across magnitudes (relative error below 5e-4)', () => {
    for (let e = -3; e < 4; e++) {
      for (const m of [1.23456, 3.14159, 9.87654, 5.55555]) {
        const value = m * 10 ** e;
        const shown = Number(formatMetricNumber(value));
        expect(Math.abs(shown - value) / value).toBeLessThan(5e-4);
      }
    }
  });
});
