import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parsePythonJson } from './parsePythonJson';
import { toPythonJson } from './toPythonJson';

describe('parsePythonJson', () => {
  it('agrees with JSON.parse on standard JSON', () => {
    const texts = [
      '{"a": [1, -2.5e-3, 0, true, false, null], "b": {"c": "\\u00e9\\n\\"x\\"", "d": []}, "e": {}}',
      '[ ]',
      ' "plain" ',
      '-0.0',
      '1E+2',
      '{"nested": [[[{"deep": [1e-300, 1e300]}]]]}',
    ];
    for (const text of texts) expect(parsePythonJson(text)).toEqual(JSON.parse(text));
  });

  it('reads the non-finite literals Python writes', () => {
    expect(parsePythonJson('{"loss": NaN, "hi": Infinity, "lo": -Infinity, "v": [NaN]}')).toEqual({
      loss: NaN,
      hi: Infinity,
      lo: -Infinity,
      v: [NaN],
    });
  });

  it('round-trips what toPythonJson writes', () => {
    const value = { s: 'a\u0000b\u{1F600}', n: [0.1, -0, 1e-7, 123], nan: NaN, inf: -Infinity, t: true };
    expect(parsePythonJson(toPythonJson(value))).toEqual(value);
  });

  it('keeps a "__proto__" key as plain data', () => {
    const parsed = parsePythonJson('{"__proto__": {"polluted": 1}}') as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['{"a": 1', "expected ',' or '}' in object at offset 7"],
    ['{"a" 1}', "expected ':' after object key at offset 5"],
    ['[1 2]', "expected ',' or ']' in array at offset 3"],
    ['{"a": nan}', 'unexpected character "n" at offset 6'],
    ['"abc', 'unterminated or invalid string at offset 0'],
    ['{1: 2}', 'expected a string key in object at offset 1'],
    ['[1] x', 'unexpected text after the JSON value at offset 4'],
    ['', 'unexpected end of JSON at offset 0'],
    ['"tab\there"', 'unterminated or invalid string at offset 0'],
  ])('rejects %j: %s', (text, message) => {
    expect(() => parsePythonJson(text)).toThrow(JsonSyntaxError);
    expect(() => parsePythonJson(text)).toThrow(message);
  });
});
