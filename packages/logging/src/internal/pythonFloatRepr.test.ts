import { describe, expect, it } from 'vitest';
import { pythonFloatRepr } from './pythonFloatRepr';

describe('pythonFloatRepr', () => {
  // Expected strings are what CPython 3 prints for repr(x) of the same doubles.
  it.each([
    [0, '0.0'],
    [-0, '-0.0'],
    [0.5, '0.5'],
    [100, '100.0'],
    [1e-4, '0.0001'],
    [1e-5, '1e-05'],
    [1e-7, '1e-07'],
    [2.5e-7, '2.5e-07'],
    [-1.5e-10, '-1.5e-10'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1 / 3, '0.3333333333333333'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e+16'],
    [1.2345678901234568e17, '1.2345678901234568e+17'],
    [1e22, '1e+22'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [1700000000.123456, '1700000000.123456'],
    [10.123456, '10.123456'],
    [-42.25, '-42.25'],
    [NaN, 'nan'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
  ])('repr(%s) = %s', (value, expected) => {
    expect(pythonFloatRepr(value)).toBe(expected);
  });

  it('round-trips every value it prints', () => {
    let seed = 12345;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const magnitude = 10 ** ((seed % 60) - 30);
      const value = (seed / 2 ** 31 - 0.5) * magnitude;
      expect(Number(pythonFloatRepr(value))).toBe(value);
    }
  });
});
