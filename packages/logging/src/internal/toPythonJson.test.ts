import { describe, expect, it } from 'vitest';
import { toPythonJson } from './toPythonJson';

describe('toPythonJson', () => {
  it('writes what Python json.dumps writes for the same data', () => {
    // Reference: CPython 3 `json.dumps({...})` of the same dict (floats where JS has non-integers).
    const data = {
      loss: 0.41234567,
      dice: [0.87, 1e-5, NaN, Infinity, -Infinity],
      n: 3,
      name: 'h\u00e9llo "q" \\ \n\t\u0001\u007f \u{1F600}',
      lr: 3e-4,
      big: 1e16,
      ok: true,
      none: null,
      neg: -0,
      f: 1234567.5,
    };
    expect(toPythonJson(data)).toBe(
      '{"loss": 0.41234567, "dice": [0.87, 1e-05, NaN, Infinity, -Infinity], "n": 3, ' +
        '"name": "h\\u00e9llo \\"q\\" \\\\ \\n\\t\\u0001\\u007f \\ud83d\\ude00", "lr": 0.0003, ' +
        '"big": 1e+16, "ok": true, "none": null, "neg": -0.0, "f": 1234567.5}',
    );
  });

  it('is read back by JSON.parse to the same finite values', () => {
    const data = { a: [1, 2.5, -3e-9, { b: 'x\u2028y', c: [] }], d: {}, e: 'tab\there' };
    expect(JSON.parse(toPythonJson(data))).toEqual(data);
  });

  it('writes numeric typed arrays as lists', () => {
    expect(toPythonJson({ dice: new Float64Array([0.5, 0.25]), n: new Int32Array([1, -2]) })).toBe(
      '{"dice": [0.5, 0.25], "n": [1, -2]}',
    );
  });

  it('rejects values JSON cannot hold, naming where they are', () => {
    expect(() => toPythonJson({ a: { b: undefined } }, 'data')).toThrow('data.a.b: cannot write undefined');
    expect(() => toPythonJson({ when: new Date(0) }, 'data')).toThrow('data.when: cannot write a Date');
    expect(() => toPythonJson([1n], 'step')).toThrow('step[0]: cannot write a bigint');
    expect(() => toPythonJson({ m: new Map() }, 'meta')).toThrow('meta.m: cannot write a Map');
  });
});
