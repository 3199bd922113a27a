import { NiftiError } from '../NiftiError';
import type { NiftiHeader } from '../NiftiHeader';
import { NIFTI1_FIELDS, NIFTI2_FIELDS, NIFTI2_MAGIC_TAIL, type FieldSpec } from './headerLayout';

const INT_RANGE: Record<string, [number, number]> = {
  u8: [0, 255],
  i16: [-32768, 32767],
  i32: [-(2 ** 31), 2 ** 31 - 1],
  i64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** The header's bytes (348 or 540) in its byte order; a value that does not fit its field is an error. */
export function serializeHeader(header: NiftiHeader, file: string): Uint8Array {
  const two = header.version === 2;
  const size = two ? 540 : 348;
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  const le = header.littleEndian;
  for (const spec of two ? NIFTI2_FIELDS : NIFTI1_FIELDS)
    writeField(view, bytes, spec, header, le, file, two);
  if (two) bytes.set(NIFTI2_MAGIC_TAIL, 8);
  return bytes;
}

function writeField(
  view: DataView,
  bytes: Uint8Array,
  spec: FieldSpec,
  header: NiftiHeader,
  le: boolean,
  file: string,
  two: boolean,
): void {
  const value = (header as unknown as Record<string, unknown>)[spec.key];
  const where = `header.${spec.key} for NIfTI-${two ? 2 : 1}`;
  if (spec.kind === 'str') {
    const text = String(value ?? '');
    const max = spec.bytes ?? 0;
    if (text.length > max || [...text].some((ch) => ch.charCodeAt(0) > 0xff)) {
      throw new NiftiError(
        'INVALID_VOLUME',
        file,
        `${where} must be at most ${max} Latin-1 characters, got '${text}'`,
      );
    }
    for (let i = 0; i < text.length; i++) bytes[spec.offset + i] = text.charCodeAt(i);
    return;
  }
  const values = spec.count === undefined ? [value] : (value as unknown[]);
  const size = { u8: 1, i16: 2, i32: 4, i64: 8, f32: 4, f64: 8 }[spec.kind];
  for (let i = 0; i < (spec.count ?? 1); i++) {
    const v = Number(values[i] ?? 0);
    const at = spec.offset + i * size;
    const range = INT_RANGE[spec.kind];
    if (range && !(Number.isInteger(v) && v >= range[0] && v <= range[1])) {
      throw new NiftiError(
        'INVALID_VOLUME',
        file,
        `${where}${spec.count ? `[${i}]` : ''} is ${v}, which does not fit a ${spec.kind}`,
      );
    }
    switch (spec.kind) {
      case 'u8':
        view.setUint8(at, v);
        break;
      case 'i16':
        view.setInt16(at, v, le);
        break;
      case 'i32':
        view.setInt32(at, v, le);
        break;
      case 'i64':
        view.setBigInt64(at, BigInt(v), le);
        break;
      case 'f32':
        view.setFloat32(at, v, le);
        break;
      default:
        view.setFloat64(at, v, le);
    }
  }
}
