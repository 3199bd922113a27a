/**
 * Element types a volume can hold: every NIfTI datatype that JavaScript can represent exactly.
 * Complex and RGB types store several components per voxel, interleaved (re, im / R, G, B[, A]).
 */
export type DType =
  | 'uint8'
  | 'int8'
  | 'int16'
  | 'uint16'
  | 'int32'
  | 'uint32'
  | 'int64'
  | 'uint64'
  | 'float32'
  | 'float64'
  | 'complex64'
  | 'complex128'
  | 'rgb24'
  | 'rgba32';

/** The typed array that stores each dtype's components. */
export interface DataOfMap {
  uint8: Uint8Array;
  int8: Int8Array;
  int16: Int16Array;
  uint16: Uint16Array;
  int32: Int32Array;
  uint32: Uint32Array;
  int64: BigInt64Array;
  uint64: BigUint64Array;
  float32: Float32Array;
  float64: Float64Array;
  complex64: Float32Array;
  complex128: Float64Array;
  rgb24: Uint8Array;
  rgba32: Uint8Array;
}

export type DataOf<D extends DType> = DataOfMap[D];

/** Any array a volume may hold. */
export type VolumeData = DataOfMap[DType];

/** The single-component dtype a typed array type implies (what `dtypeOfArray` returns at run time). */
export type DTypeOfArray<T extends VolumeData> = T extends Uint8Array
  ? 'uint8'
  : T extends Int8Array
    ? 'int8'
    : T extends Int16Array
      ? 'int16'
      : T extends Uint16Array
        ? 'uint16'
        : T extends Int32Array
          ? 'int32'
          : T extends Uint32Array
            ? 'uint32'
            : T extends BigInt64Array
              ? 'int64'
              : T extends BigUint64Array
                ? 'uint64'
                : T extends Float32Array
                  ? 'float32'
                  : 'float64';

type TypedArrayConstructor =
  | Uint8ArrayConstructor
  | Int8ArrayConstructor
  | Int16ArrayConstructor
  | Uint16ArrayConstructor
  | Int32ArrayConstructor
  | Uint32ArrayConstructor
  | BigInt64ArrayConstructor
  | BigUint64ArrayConstructor
  | Float32ArrayConstructor
  | Float64ArrayConstructor;

export interface DTypeInfo {
  /** Values stored per voxel: 1, 2 for complex, 3 for RGB, 4 for RGBA. */
  readonly components: number;
  /** Bytes of one component. */
  readonly componentBytes: number;
  readonly arrayType: TypedArrayConstructor;
  /** True for int64/uint64, whose components are bigints. */
  readonly bigint: boolean;
  /** True for float, complex types (their components are floats). */
  readonly float: boolean;
}

const info = (
  components: number,
  arrayType: TypedArrayConstructor,
  flags: { bigint?: boolean; float?: boolean } = {},
): DTypeInfo => ({
  components,
  componentBytes: arrayType.BYTES_PER_ELEMENT,
  arrayType,
  bigint: flags.bigint ?? false,
  float: flags.float ?? false,
});

const DTYPES: Readonly<Record<DType, DTypeInfo>> = {
  uint8: info(1, Uint8Array),
  int8: info(1, Int8Array),
  int16: info(1, Int16Array),
  uint16: info(1, Uint16Array),
  int32: info(1, Int32Array),
  uint32: info(1, Uint32Array),
  int64: info(1, BigInt64Array, { bigint: true }),
  uint64: info(1, BigUint64Array, { bigint: true }),
  float32: info(1, Float32Array, { float: true }),
  float64: info(1, Float64Array, { float: true }),
  complex64: info(2, Float32Array, { float: true }),
  complex128: info(2, Float64Array, { float: true }),
  rgb24: info(3, Uint8Array),
  rgba32: info(4, Uint8Array),
};

export const ALL_DTYPES: readonly DType[] = Object.keys(DTYPES) as DType[];

export function isDType(value: unknown): value is DType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DTYPES, value);
}

export function dtypeInfo(dtype: DType): DTypeInfo {
  const found = isDType(dtype) ? DTYPES[dtype] : undefined;
  if (!found) throw new TypeError(`dtype: unknown volume dtype '${String(dtype)}'`);
  return found;
}

/** A zero-filled array for `count` voxels of `dtype` (count * components elements). */
export function allocateData<D extends DType>(dtype: D, count: number): DataOf<D> {
  const { arrayType, components } = dtypeInfo(dtype);
  return new arrayType(count * components) as DataOf<D>;
}

/** The single-component dtype a typed array implies; complex and RGB types must be named explicitly. */
export function dtypeOfArray<T extends VolumeData>(data: T): DTypeOfArray<T>;
export function dtypeOfArray(data: VolumeData): DType {
  if (data instanceof Uint8Array) return 'uint8';
  if (data instanceof Int8Array) return 'int8';
  if (data instanceof Int16Array) return 'int16';
  if (data instanceof Uint16Array) return 'uint16';
  if (data instanceof Int32Array) return 'int32';
  if (data instanceof Uint32Array) return 'uint32';
  if (data instanceof BigInt64Array) return 'int64';
  if (data instanceof BigUint64Array) return 'uint64';
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  throw new TypeError('data: not a typed array a volume can hold');
}
