import { dtypeInfo, type DType, type VolumeData } from '@nnunet-ts/volume';

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverses the bytes of every `width`-byte element in place. */
export function swapBytes(bytes: Uint8Array, width: number): void {
  if (width === 1) return;
  for (let e = 0; e < bytes.length; e += width) {
    for (let lo = e, hi = e + width - 1; lo < hi; lo++, hi--) {
      const t = bytes[lo];
      bytes[lo] = bytes[hi];
      bytes[hi] = t;
    }
  }
}

/**
 * Views a buffer holding exactly the stored voxel bytes as the dtype's typed array, swapping to the
 * host byte order in place (no copy).
 */
export function decodeVoxels(buffer: ArrayBuffer, dtype: DType, littleEndian: boolean): VolumeData {
  const { arrayType, componentBytes } = dtypeInfo(dtype);
  if (littleEndian !== HOST_LITTLE_ENDIAN) swapBytes(new Uint8Array(buffer), componentBytes);
  return new arrayType(buffer) as VolumeData;
}

/** The stored bytes of a typed array in the requested byte order (a copy only when swapping). */
export function encodeVoxels(data: VolumeData, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (littleEndian === HOST_LITTLE_ENDIAN) return bytes;
  const copy = bytes.slice();
  swapBytes(copy, data.BYTES_PER_ELEMENT);
  return copy;
}
