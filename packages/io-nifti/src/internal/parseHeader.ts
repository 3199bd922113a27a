import type { NiftiHeader } from '../NiftiHeader';
import { NiftiError } from '../NiftiError';
import {
  ANALYZE_ORIGIN_OFFSET,
  NIFTI1_FIELDS,
  NIFTI2_FIELDS,
  NIFTI2_MAGIC_TAIL,
  type FieldSpec,
} from './headerLayout';

/** Bytes needed before the header can be parsed: 4 to learn the size, then the size itself. */
export function headerSizeOf(bytes: Uint8Array, file: string): 348 | 540 {
  if (bytes.length === 0) throw new NiftiError('NOT_NIFTI', file, 'the file is empty');
  if (bytes.length < 4)
    throw new NiftiError('NOT_NIFTI', file, `only ${bytes.length} bytes, too short for a header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, 4);
  for (const size of [348, 540] as const) {
    if (view.getInt32(0, true) === size || view.getInt32(0, false) === size) return size;
  }
  throw new NiftiError(
    'NOT_NIFTI',
    file,
    `sizeof_hdr is ${view.getInt32(0, true)} (little-endian) / ${view.getInt32(0, false)} (big-endian): ` +
      'neither 348 (NIfTI-1, Analyze) nor 540 (NIfTI-2), so this is not a NIfTI file',
  );
}

/**
 * Reads every header field as stored. Establishes version and byte order from sizeof_hdr and magic;
 * `pairAllowed` admits the pair magics ('ni1', 'ni2') and Analyze headers, which only a .hdr may hold.
 */
export function parseHeader(bytes: Uint8Array, file: string, pairAllowed: boolean): NiftiHeader {
  const size = headerSizeOf(bytes, file);
  if (bytes.length < size) {
    throw new NiftiError('TRUNCATED', file, `the ${size}-byte header is cut off after ${bytes.length} bytes`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, size);
  const littleEndian = view.getInt32(0, true) === size;
  const header = emptyHeader(littleEndian);
  const fields = size === 348 ? NIFTI1_FIELDS : NIFTI2_FIELDS;
  for (const spec of fields) readField(header, view, spec, littleEndian);

  header.magic = header.magic.split('\0')[0];
  const pair = header.magic === 'ni1' || header.magic === 'ni2';
  if (size === 540) {
    if (header.magic !== 'n+2' && header.magic !== 'ni2') {
      throw new NiftiError(
        'NOT_NIFTI',
        file,
        `sizeof_hdr is 540 but the magic is '${printable(header.magic)}', not 'n+2' or 'ni2'`,
      );
    }
    const tail = bytes.subarray(8, 12);
    const intact = NIFTI2_MAGIC_TAIL.every((b, i) => tail[i] === b);
    if (!intact && tail.some((b) => b !== 0)) {
      throw new NiftiError(
        'BAD_HEADER',
        file,
        'the NIfTI-2 magic is damaged (bytes 8-11 should be \\r\\n\\x1a\\n): the file was probably transferred as text',
      );
    }
    header.version = 2;
  } else if (header.magic === 'n+1' || header.magic === 'ni1') {
    header.version = 1;
  } else if (pairAllowed && bytes.subarray(344, 348).every((b) => b === 0)) {
    header.version = 'analyze';
    header.magic = '';
    for (let i = 0; i < 5; i++)
      header.analyzeOrigin.push(view.getInt16(ANALYZE_ORIGIN_OFFSET + 2 * i, littleEndian));
  } else {
    throw new NiftiError(
      'NOT_NIFTI',
      file,
      `the magic is '${printable(header.magic)}', not 'n+1' or 'ni1'` +
        (pairAllowed ? '' : ' (an Analyze header is only read as a .hdr/.img pair)'),
    );
  }
  if (pair && !pairAllowed) {
    throw new NiftiError(
      'NOT_NIFTI',
      file,
      `magic '${header.magic}' marks the header of a .hdr/.img pair, not a single file`,
    );
  }
  return header;
}

function readField(header: NiftiHeader, view: DataView, spec: FieldSpec, le: boolean): void {
  const target = header as unknown as Record<string, unknown>;
  if (spec.kind === 'str') {
    // Up to the last non-NUL byte: text some writers leave after a terminating NUL is kept for exact round trips.
    let end = spec.bytes ?? 0;
    while (end > 0 && view.getUint8(spec.offset + end - 1) === 0) end--;
    let text = '';
    for (let i = 0; i < end; i++) text += String.fromCharCode(view.getUint8(spec.offset + i));
    target[spec.key] = text;
    return;
  }
  const size = { u8: 1, i16: 2, i32: 4, i64: 8, f32: 4, f64: 8 }[spec.kind];
  const read = (at: number): number => {
    switch (spec.kind) {
      case 'u8':
        return view.getUint8(at);
      case 'i16':
        return view.getInt16(at, le);
      case 'i32':
        return view.getInt32(at, le);
      case 'i64':
        return Number(view.getBigInt64(at, le));
      case 'f32':
        return view.getFloat32(at, le);
      default:
        return view.getFloat64(at, le);
    }
  };
  if (spec.count === undefined) target[spec.key] = read(spec.offset);
  else target[spec.key] = Array.from({ length: spec.count }, (_, i) => read(spec.offset + i * size));
}

function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}

export function emptyHeader(littleEndian: boolean): NiftiHeader {
  return {
    version: 1,
    littleEndian,
    sizeofHdr: 348,
    magic: '',
    dim: [0, 0, 0, 0, 0, 0, 0, 0],
    pixdim: [0, 0, 0, 0, 0, 0, 0, 0],
    datatype: 0,
    bitpix: 0,
    voxOffset: 0,
    sclSlope: 0,
    sclInter: 0,
    qformCode: 0,
    sformCode: 0,
    quaternB: 0,
    quaternC: 0,
    quaternD: 0,
    qoffsetX: 0,
    qoffsetY: 0,
    qoffsetZ: 0,
    srowX: [0, 0, 0, 0],
    srowY: [0, 0, 0, 0],
    srowZ: [0, 0, 0, 0],
    dimInfo: 0,
    intentP1: 0,
    intentP2: 0,
    intentP3: 0,
    intentCode: 0,
    intentName: '',
    sliceStart: 0,
    sliceEnd: 0,
    sliceCode: 0,
    sliceDuration: 0,
    xyztUnits: 0,
    calMax: 0,
    calMin: 0,
    toffset: 0,
    descrip: '',
    auxFile: '',
    dataType: '',
    dbName: '',
    extents: 0,
    sessionError: 0,
    regular: 0,
    glmax: 0,
    glmin: 0,
    analyzeOrigin: [],
  };
}
