/** Element types the .npy reader and writer handle (little-endian, as numpy writes on x86 and ARM). */
export type NpyDType = 'uint8' | 'int8' | 'uint16' | 'int16' | 'uint32' | 'int32' | 'float32' | 'float64';

export interface NpyDataMap {
  uint8: Uint8Array;
  int8: Int8Array;
  uint16: Uint16Array;
  int16: Int16Array;
  uint32: Uint32Array;
  int32: Int32Array;
  float32: Float32Array;
  float64: Float64Array;
}

/** An n-dimensional array in C order (last axis fastest), as numpy stores it without `fortran_order`. */
export interface NpyArray<D extends NpyDType = NpyDType> {
  readonly dtype: D;
  readonly shape: readonly number[];
  readonly data: NpyDataMap[D];
}

type Constructor = { new (length: number): NpyDataMap[NpyDType]; BYTES_PER_ELEMENT: number };

/** numpy's `descr` string and the typed array of each dtype. */
export const NPY_DTYPES: Readonly<Record<NpyDType, { descr: string; array: Constructor }>> = {
  uint8: { descr: '|u1', array: Uint8Array },
  int8: { descr: '|i1', array: Int8Array },
  uint16: { descr: '<u2', array: Uint16Array },
  int16: { descr: '<i2', array: Int16Array },
  uint32: { descr: '<u4', array: Uint32Array },
  int32: { descr: '<i4', array: Int32Array },
  float32: { descr: '<f4', array: Float32Array },
  float64: { descr: '<f8', array: Float64Array },
};

/** The dtype of a typed array, or undefined for arrays .npy files here do not hold. */
export function npyDTypeOf(data: ArrayBufferView): NpyDType | undefined {
  for (const [dtype, { array }] of Object.entries(NPY_DTYPES)) {
    if (data.constructor === array) return dtype as NpyDType;
  }
  return undefined;
}
