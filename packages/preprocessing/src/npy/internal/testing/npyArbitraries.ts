// Valid arrays for the .npy fuzz properties, and headers a hostile or careless writer might produce.
import fc from 'fast-check';
import { NPY_DTYPES, type NpyArray, type NpyDType } from '../../NpyArray';

const DTYPES = Object.keys(NPY_DTYPES) as NpyDType[];

/** 0 to 4 axes of 0 to 6 (an empty axis included), every dtype, random bytes. */
export const npyArray: fc.Arbitrary<NpyArray> = fc
  .record({
    dtype: fc.constantFrom(...DTYPES),
    shape: fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 4 }),
  })
  .chain(({ dtype, shape }) => {
    const { array } = NPY_DTYPES[dtype];
    const count = shape.reduce((a, b) => a * b, 1);
    return fc
      .uint8Array({ minLength: count * array.BYTES_PER_ELEMENT, maxLength: count * array.BYTES_PER_ELEMENT })
      .map((bytes) => {
        const data = new array(count);
        new Uint8Array(data.buffer).set(bytes);
        return { dtype, shape, data } as NpyArray;
      });
  });

/** A box over the leading axes of `shape`, reaching past its edges on either side. */
export function regionOf(shape: readonly number[]): fc.Arbitrary<{ start: number[]; size: number[] }> {
  return fc.integer({ min: 1, max: Math.max(1, shape.length) }).chain((k) =>
    fc.record({
      start: fc.tuple(...shape.slice(0, k).map((n) => fc.integer({ min: -2, max: n + 1 }))),
      size: fc.tuple(...shape.slice(0, k).map((n) => fc.integer({ min: 0, max: n + 2 }))),
    }),
  );
}

/** Shape entries that break size arithmetic: huge, negative, fractional, non-numeric, Python-2 longs. */
const shapeEntry = fc.oneof(
  fc.integer({ min: 0, max: 8 }).map(String),
  fc.constantFrom(
    '4294967296',
    '2147483648',
    '9007199254740993',
    '1e400',
    '1e9',
    '-1',
    '2.5',
    '0x10',
    '3L',
    'None',
    '',
    ' ',
    '(2',
    'Infinity',
    'NaN',
  ),
  fc.bigInt({ min: 0n, max: 2n ** 70n }).map(String),
);

/** A header dict as text, with fields valid, missing, reordered or hostile. */
export const hostileDict: fc.Arbitrary<string> = fc
  .record({
    descr: fc.constantFrom(
      "'<f4'",
      "'|u1'",
      "'<i2'",
      "'>f8'",
      "'<c8'",
      "'|O'",
      "'<U10'",
      "'=f4'",
      "''",
      '<f4',
    ),
    fortran: fc.constantFrom('False', 'True', 'false', '0'),
    shape: fc.array(shapeEntry, { maxLength: 8 }),
    order: fc.constantFrom('dfs', 'sfd', 'ds', 'fs'),
    noise: fc.string({ maxLength: 20 }),
  })
  .map(({ descr, fortran, shape, order, noise }) => {
    const parts: Record<string, string> = {
      d: `'descr': ${descr}`,
      f: `'fortran_order': ${fortran}`,
      s: `'shape': (${shape.length === 1 ? `${shape[0]},` : shape.join(', ')})`,
    };
    return `{${[...order].map((k) => parts[k]).join(', ')}, ${noise}}`;
  });

/** A .npy preamble around `dict`: the version (1 to 3, or an unknown one) and the header length, honest or not. */
export function npyPreamble(dict: string, version: number, declaredLength: number | 'honest'): Uint8Array {
  const preamble = version === 1 ? 10 : 12;
  const text = `${dict}\n`;
  const bytes = new Uint8Array(preamble + text.length);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const view = new DataView(bytes.buffer);
  const length = declaredLength === 'honest' ? text.length : declaredLength;
  if (version === 1) view.setUint16(8, length & 0xffff, true);
  else view.setUint32(8, length >>> 0, true);
  for (let i = 0; i < text.length; i++) bytes[preamble + i] = text.charCodeAt(i) & 0xff;
  return bytes;
}
