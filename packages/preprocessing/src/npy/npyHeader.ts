import { NPY_DTYPES, type NpyDType } from './NpyArray';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
/** numpy pads the header so the data starts at a multiple of 64 bytes. */
const ALIGN = 64;

export interface NpyHeader {
  dtype: NpyDType;
  shape: number[];
  /** byte offset of the first element */
  dataOffset: number;
}

/** The .npy preamble (magic, version, header length, header dict) for a C-order array. */
export function encodeNpyHeader(dtype: NpyDType, shape: readonly number[]): Uint8Array {
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  const dict = `{'descr': '${NPY_DTYPES[dtype].descr}', 'fortran_order': False, 'shape': (${dims}), }`;
  // version 1.0 has a 2-byte header length; 2.0 (4 bytes) only for headers longer than that allows
  const padded = (preamble: number) => Math.ceil((preamble + dict.length + 1) / ALIGN) * ALIGN;
  const v1 = padded(10) - 10 <= 0xffff;
  const preamble = v1 ? 10 : 12;
  const total = padded(preamble);
  const bytes = new Uint8Array(total);
  bytes.set(MAGIC, 0);
  bytes[6] = v1 ? 1 : 2;
  bytes[7] = 0;
  const view = new DataView(bytes.buffer);
  if (v1) view.setUint16(8, total - preamble, true);
  else view.setUint32(8, total - preamble, true);
  const text = dict.padEnd(total - preamble - 1, ' ') + '\n';
  for (let i = 0; i < text.length; i++) bytes[preamble + i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Parses the preamble at the start of `bytes` (at least the first 12 bytes, and the whole header once its
 * length is known: returns `needed` when more bytes are required). `file` names the file in errors.
 */
export function parseNpyHeader(bytes: Uint8Array, file: string): NpyHeader | { needed: number } {
  if (bytes.length < 12) return { needed: 12 };
  if (!MAGIC.every((b, i) => bytes[i] === b)) throw new Error(`${file}: not a .npy file (bad magic bytes)`);
  const major = bytes[6];
  if (major < 1 || major > 3) throw new Error(`${file}: unsupported .npy version ${major}.${bytes[7]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const preamble = major === 1 ? 10 : 12;
  const length = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (bytes.length < preamble + length) return { needed: preamble + length };
  const dict = new TextDecoder('latin1').decode(bytes.subarray(preamble, preamble + length));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(dict)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(dict)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(dict)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new Error(`${file}: malformed .npy header ${JSON.stringify(dict.trim())}`);
  }
  if (fortran === 'True') throw new Error(`${file}: Fortran-order .npy arrays are not supported`);
  const entry = Object.entries(NPY_DTYPES).find(
    ([, d]) => d.descr === descr || d.descr === descr.replace('=', '<'),
  );
  if (!entry) {
    throw new Error(
      `${file}: unsupported .npy dtype '${descr}' (supported: little-endian ${Object.keys(NPY_DTYPES).join(', ')})`,
    );
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  if (!shape.every((n) => Number.isInteger(n) && n >= 0)) {
    throw new Error(`${file}: bad .npy shape (${shapeText})`);
  }
  return { dtype: entry[0] as NpyDType, shape, dataOffset: preamble + length };
}
