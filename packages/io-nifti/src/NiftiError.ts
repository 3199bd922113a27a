/** What went wrong, so callers can react without parsing messages. */
export type NiftiErrorCode =
  | 'IO' // the file (or the .img of a pair) cannot be opened or read
  | 'NOT_NIFTI' // empty, too short, or neither a NIfTI-1/2 nor an Analyze header
  | 'BAD_HEADER' // a header field is invalid: dims, datatype, vox_offset, pixdim, scaling, xforms
  | 'UNSUPPORTED' // valid NIfTI this reader cannot represent (float128, complex256, binary)
  | 'TOO_LARGE' // the declared data exceed maxVoxels or what the file can possibly hold
  | 'TRUNCATED' // the file ends before the declared data do
  | 'CORRUPT_GZIP' // a damaged deflate stream, CRC or size mismatch, or a missing gzip trailer
  | 'INVALID_VOLUME'; // writing: the volume or the options cannot be stored as NIfTI

/** Every failure of this package: a code and a message that names the file and the problem. */
export class NiftiError extends Error {
  override readonly name = 'NiftiError';
  constructor(
    readonly code: NiftiErrorCode,
    readonly file: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${problem}`, options);
  }
}
