import type { DType } from '@nnunet-ts/volume';

/** NIfTI datatype codes this package reads and writes, with their volume dtype. */
const CODE_TO_DTYPE: ReadonlyMap<number, DType> = new Map<number, DType>([
  [2, 'uint8'],
  [4, 'int16'],
  [8, 'int32'],
  [16, 'float32'],
  [32, 'complex64'],
  [64, 'float64'],
  [128, 'rgb24'],
  [256, 'int8'],
  [512, 'uint16'],
  [768, 'uint32'],
  [1024, 'int64'],
  [1280, 'uint64'],
  [1792, 'complex128'],
  [2304, 'rgba32'],
]);

/** Valid NIfTI codes JavaScript has no exact array for. */
const UNSUPPORTED_CODES: ReadonlyMap<number, string> = new Map([
  [1, 'binary (1 bit)'],
  [1536, 'float128'],
  [2048, 'complex256'],
]);

export function dtypeForCode(code: number): DType | undefined {
  return CODE_TO_DTYPE.get(code);
}

export function unsupportedCodeName(code: number): string | undefined {
  return UNSUPPORTED_CODES.get(code);
}

export function codeForDType(dtype: DType): number {
  for (const [code, d] of CODE_TO_DTYPE) if (d === dtype) return code;
  throw new TypeError(`dtype: '${dtype}' has no NIfTI datatype code`);
}
