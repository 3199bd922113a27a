/**
 * A NIfTI-1, NIfTI-2 or Analyze 7.5 header with every field as stored in the file (float32 fields widened
 * to float64; strings as Latin-1 up to their last non-NUL byte, so text some writers leave after a C string's
 * NUL survives a round trip: cut at the first '\0' to display them). Fields a version lacks are 0 or ''.
 */
export interface NiftiHeader {
  version: 1 | 2 | 'analyze';
  littleEndian: boolean;
  sizeofHdr: number;
  /** 'n+1' / 'n+2' (single file), 'ni1' / 'ni2' (.hdr/.img pair) or '' (Analyze). */
  magic: string;
  dim: number[];
  pixdim: number[];
  datatype: number;
  bitpix: number;
  voxOffset: number;
  sclSlope: number;
  sclInter: number;
  qformCode: number;
  sformCode: number;
  quaternB: number;
  quaternC: number;
  quaternD: number;
  qoffsetX: number;
  qoffsetY: number;
  qoffsetZ: number;
  srowX: number[];
  srowY: number[];
  srowZ: number[];
  dimInfo: number;
  intentP1: number;
  intentP2: number;
  intentP3: number;
  intentCode: number;
  intentName: string;
  sliceStart: number;
  sliceEnd: number;
  sliceCode: number;
  sliceDuration: number;
  xyztUnits: number;
  calMax: number;
  calMin: number;
  toffset: number;
  descrip: string;
  auxFile: string;
  /** Analyze-era fields NIfTI-1 keeps unused; stored for an exact round trip. */
  dataType: string;
  dbName: string;
  extents: number;
  sessionError: number;
  regular: number;
  glmax: number;
  glmin: number;
  /** Analyze (SPM) only: the origin voxel, 1-based, from the `originator` field. */
  analyzeOrigin: number[];
}

/** One header extension: its code and content (esize = 8 + content length, a multiple of 16). */
export interface NiftiExtension {
  code: number;
  data: Uint8Array;
}
