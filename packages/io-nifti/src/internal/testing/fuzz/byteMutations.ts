// Byte-level damage for mutation fuzzing: packages whose files are byte formats (.nii, .npy, weights)
// start from a valid encoding and apply a few of these.
import fc from 'fast-check';

export type NumberType = 'u8' | 'i16' | 'i32' | 'i64' | 'f32' | 'f64';

/** One edit; `at` is taken modulo the length, so that an edit fits any input. */
export type ByteMutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'number'; at: number; type: NumberType; value: number; littleEndian: boolean };

/** Values that break size arithmetic and checks: limits of every integer width, non-finite floats. */
export const EXTREME_NUMBERS: readonly number[] = [
  0,
  -0,
  1,
  -1,
  2,
  127,
  255,
  32767,
  -32768,
  65535,
  2 ** 31 - 1,
  -(2 ** 31),
  2 ** 32 - 1,
  2 ** 32,
  2 ** 53 - 1,
  2 ** 53 + 2,
  2 ** 63,
  -(2 ** 63),
  1e38,
  -1e38,
  3.4028235e38,
  1.4e-45,
  1e308,
  -1e-300,
  0.5,
  NaN,
  Infinity,
  -Infinity,
];

export const extremeNumber: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...EXTREME_NUMBERS) },
  { weight: 1, arbitrary: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) },
  { weight: 1, arbitrary: fc.double() },
);

/**
 * Positions anywhere, or biased towards the first `focus` bytes (a header), where one changed byte matters most.
 */
function position(focus?: number): fc.Arbitrary<number> {
  const anywhere = fc.nat(1 << 24);
  return focus === undefined ? anywhere : fc.oneof({ weight: 3, arbitrary: fc.nat(focus - 1) }, anywhere);
}

export function byteMutation(focus?: number): fc.Arbitrary<ByteMutation> {
  const at = position(focus);
  return fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at, bit: fc.nat(7) }),
    fc.record({ kind: fc.constant('set' as const), at, value: fc.nat(255) }),
    fc.record({
      kind: fc.constant('insert' as const),
      at,
      bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    }),
    fc.record({ kind: fc.constant('delete' as const), at, count: fc.integer({ min: 1, max: 64 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at }),
    fc.record({
      kind: fc.constant('number' as const),
      at,
      type: fc.constantFrom<NumberType>('u8', 'i16', 'i32', 'i64', 'f32', 'f64'),
      value: extremeNumber,
      littleEndian: fc.boolean(),
    }),
  );
}

/** One to `max` edits, applied in order. */
export function byteMutations(focus?: number, max = 4): fc.Arbitrary<ByteMutation[]> {
  return fc.array(byteMutation(focus), { minLength: 1, maxLength: max });
}

export function applyMutations(input: Uint8Array, mutations: readonly ByteMutation[]): Uint8Array {
  let bytes: Uint8Array = input.slice();
  for (const m of mutations) bytes = applyMutation(bytes, m);
  return bytes;
}

function applyMutation(bytes: Uint8Array, m: ByteMutation): Uint8Array {
  const n = bytes.length;
  // insertion may append at the very end; every other edit needs an existing byte
  const at = m.kind === 'insert' ? m.at % (n + 1) : n === 0 ? 0 : m.at % n;
  switch (m.kind) {
    case 'flip':
      if (n > 0) bytes[at] ^= 1 << m.bit;
      return bytes;
    case 'set':
      if (n > 0) bytes[at] = m.value;
      return bytes;
    case 'insert':
      return concat(bytes.subarray(0, at), m.bytes, bytes.subarray(at));
    case 'delete':
      return concat(bytes.subarray(0, at), bytes.subarray(at + m.count));
    case 'truncate':
      return bytes.slice(0, at);
    case 'number':
      writeNumber(bytes, at, m.type, m.value, m.littleEndian);
      return bytes;
  }
}

/** Stores `value` as `type` at `at` (clamped to the type's range); nothing when it does not fit. */
export function writeNumber(
  bytes: Uint8Array,
  at: number,
  type: NumberType,
  value: number,
  littleEndian: boolean,
): void {
  const width = { u8: 1, i16: 2, i32: 4, i64: 8, f32: 4, f64: 8 }[type];
  if (at < 0 || at + width > bytes.length) return;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const int = (bits: number) => {
    const limit = 2 ** (bits - 1);
    return Number.isNaN(value) ? 0 : Math.trunc(Math.min(limit - 1, Math.max(-limit, value)));
  };
  switch (type) {
    case 'u8':
      return view.setUint8(at, int(9) & 0xff);
    case 'i16':
      return view.setInt16(at, int(16), littleEndian);
    case 'i32':
      return view.setInt32(at, int(32), littleEndian);
    case 'i64': {
      const big = Number.isFinite(value)
        ? BigInt(Math.trunc(value))
        : value > 0
          ? 2n ** 63n - 1n
          : -(2n ** 63n);
      return view.setBigInt64(at, BigInt.asIntN(64, big), littleEndian);
    }
    case 'f32':
      return view.setFloat32(at, value, littleEndian);
    case 'f64':
      return view.setFloat64(at, value, littleEndian);
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
