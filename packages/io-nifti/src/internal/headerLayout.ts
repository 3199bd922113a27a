import type { NiftiHeader } from '../NiftiHeader';

export type FieldKind = 'u8' | 'i16' | 'i32' | 'i64' | 'f32' | 'f64' | 'str';

/** Where one header field lives: `count` values for arrays, `bytes` of text for strings. */
export interface FieldSpec {
  readonly key: keyof NiftiHeader;
  readonly kind: FieldKind;
  readonly offset: number;
  readonly count?: number;
  readonly bytes?: number;
}

/** The 348-byte NIfTI-1 header (Analyze 7.5 shares the layout up to `descrip`/`aux_file`). */
export const NIFTI1_FIELDS: readonly FieldSpec[] = [
  { key: 'sizeofHdr', kind: 'i32', offset: 0 },
  { key: 'dataType', kind: 'str', offset: 4, bytes: 10 },
  { key: 'dbName', kind: 'str', offset: 14, bytes: 18 },
  { key: 'extents', kind: 'i32', offset: 32 },
  { key: 'sessionError', kind: 'i16', offset: 36 },
  { key: 'regular', kind: 'u8', offset: 38 },
  { key: 'dimInfo', kind: 'u8', offset: 39 },
  { key: 'dim', kind: 'i16', offset: 40, count: 8 },
  { key: 'intentP1', kind: 'f32', offset: 56 },
  { key: 'intentP2', kind: 'f32', offset: 60 },
  { key: 'intentP3', kind: 'f32', offset: 64 },
  { key: 'intentCode', kind: 'i16', offset: 68 },
  { key: 'datatype', kind: 'i16', offset: 70 },
  { key: 'bitpix', kind: 'i16', offset: 72 },
  { key: 'sliceStart', kind: 'i16', offset: 74 },
  { key: 'pixdim', kind: 'f32', offset: 76, count: 8 },
  { key: 'voxOffset', kind: 'f32', offset: 108 },
  { key: 'sclSlope', kind: 'f32', offset: 112 },
  { key: 'sclInter', kind: 'f32', offset: 116 },
  { key: 'sliceEnd', kind: 'i16', offset: 120 },
  { key: 'sliceCode', kind: 'u8', offset: 122 },
  { key: 'xyztUnits', kind: 'u8', offset: 123 },
  { key: 'calMax', kind: 'f32', offset: 124 },
  { key: 'calMin', kind: 'f32', offset: 128 },
  { key: 'sliceDuration', kind: 'f32', offset: 132 },
  { key: 'toffset', kind: 'f32', offset: 136 },
  { key: 'glmax', kind: 'i32', offset: 140 },
  { key: 'glmin', kind: 'i32', offset: 144 },
  { key: 'descrip', kind: 'str', offset: 148, bytes: 80 },
  { key: 'auxFile', kind: 'str', offset: 228, bytes: 24 },
  { key: 'qformCode', kind: 'i16', offset: 252 },
  { key: 'sformCode', kind: 'i16', offset: 254 },
  { key: 'quaternB', kind: 'f32', offset: 256 },
  { key: 'quaternC', kind: 'f32', offset: 260 },
  { key: 'quaternD', kind: 'f32', offset: 264 },
  { key: 'qoffsetX', kind: 'f32', offset: 268 },
  { key: 'qoffsetY', kind: 'f32', offset: 272 },
  { key: 'qoffsetZ', kind: 'f32', offset: 276 },
  { key: 'srowX', kind: 'f32', offset: 280, count: 4 },
  { key: 'srowY', kind: 'f32', offset: 296, count: 4 },
  { key: 'srowZ', kind: 'f32', offset: 312, count: 4 },
  { key: 'intentName', kind: 'str', offset: 328, bytes: 16 },
  { key: 'magic', kind: 'str', offset: 344, bytes: 4 },
];

/** The 540-byte NIfTI-2 header. Its 8-byte magic ends with the bytes \r \n \x1a \n (checked separately). */
export const NIFTI2_FIELDS: readonly FieldSpec[] = [
  { key: 'sizeofHdr', kind: 'i32', offset: 0 },
  { key: 'magic', kind: 'str', offset: 4, bytes: 4 },
  { key: 'datatype', kind: 'i16', offset: 12 },
  { key: 'bitpix', kind: 'i16', offset: 14 },
  { key: 'dim', kind: 'i64', offset: 16, count: 8 },
  { key: 'intentP1', kind: 'f64', offset: 80 },
  { key: 'intentP2', kind: 'f64', offset: 88 },
  { key: 'intentP3', kind: 'f64', offset: 96 },
  { key: 'pixdim', kind: 'f64', offset: 104, count: 8 },
  { key: 'voxOffset', kind: 'i64', offset: 168 },
  { key: 'sclSlope', kind: 'f64', offset: 176 },
  { key: 'sclInter', kind: 'f64', offset: 184 },
  { key: 'calMax', kind: 'f64', offset: 192 },
  { key: 'calMin', kind: 'f64', offset: 200 },
  { key: 'sliceDuration', kind: 'f64', offset: 208 },
  { key: 'toffset', kind: 'f64', offset: 216 },
  { key: 'sliceStart', kind: 'i64', offset: 224 },
  { key: 'sliceEnd', kind: 'i64', offset: 232 },
  { key: 'descrip', kind: 'str', offset: 240, bytes: 80 },
  { key: 'auxFile', kind: 'str', offset: 320, bytes: 24 },
  { key: 'qformCode', kind: 'i32', offset: 344 },
  { key: 'sformCode', kind: 'i32', offset: 348 },
  { key: 'quaternB', kind: 'f64', offset: 352 },
  { key: 'quaternC', kind: 'f64', offset: 360 },
  { key: 'quaternD', kind: 'f64', offset: 368 },
  { key: 'qoffsetX', kind: 'f64', offset: 376 },
  { key: 'qoffsetY', kind: 'f64', offset: 384 },
  { key: 'qoffsetZ', kind: 'f64', offset: 392 },
  { key: 'srowX', kind: 'f64', offset: 400, count: 4 },
  { key: 'srowY', kind: 'f64', offset: 432, count: 4 },
  { key: 'srowZ', kind: 'f64', offset: 464, count: 4 },
  { key: 'sliceCode', kind: 'i32', offset: 496 },
  { key: 'xyztUnits', kind: 'i32', offset: 500 },
  { key: 'intentCode', kind: 'i32', offset: 504 },
  { key: 'intentName', kind: 'str', offset: 508, bytes: 16 },
  { key: 'dimInfo', kind: 'u8', offset: 524 },
];

export const NIFTI2_MAGIC_TAIL = [0x0d, 0x0a, 0x1a, 0x0a] as const;
/** Analyze/SPM `originator`: five int16 at byte 253 (overlapping NIfTI-1's qform/sform fields). */
export const ANALYZE_ORIGIN_OFFSET = 253;
