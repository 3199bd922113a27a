import type { io } from '@tensorflow/tfjs';

/** Bytes per stored value, by weight dtype or quantization dtype. */
const BYTES_PER_VALUE: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

/**
 * How many bytes the weights described by `specs` occupy. String weights store each value as a
 * 4-byte little-endian length followed by its bytes, so their size is read from `data`; a
 * length prefix past the end of `data` ends the walk with a size larger than `data`.
 */
export function weightDataByteLength(specs: io.WeightsManifestEntry[], data: ArrayBuffer): number {
  const view = new DataView(data);
  let offset = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (spec.quantization !== undefined) {
      offset += size * bytesPerValue(spec.quantization.dtype, spec.name);
    } else if (spec.dtype === 'string') {
      for (let i = 0; i < size; i++) {
        if (offset + 4 > data.byteLength) return offset + 4;
        offset += 4 + view.getUint32(offset, true);
      }
    } else {
      offset += size * bytesPerValue(spec.dtype, spec.name);
    }
  }
  return offset;
}

function bytesPerValue(dtype: string, weightName: string): number {
  const bytes = BYTES_PER_VALUE[dtype];
  if (bytes === undefined) throw new Error(`weight '${weightName}' has unknown dtype '${dtype}'`);
  return bytes;
}
