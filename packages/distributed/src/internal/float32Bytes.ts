/** The bytes of `array[start, end)`, sharing its memory. */
export function float32Bytes(array: Float32Array, start = 0, end = array.length): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset + start * 4, (end - start) * 4);
}

/** A payload received as bytes, seen as floats (copied only if misaligned). */
export function bytesToFloat32(bytes: Uint8Array, what: string): Float32Array {
  if (bytes.byteLength % 4 !== 0)
    throw new Error(`${what}: ${bytes.byteLength} bytes is not a whole number of floats`);
  if (bytes.byteOffset % 4 === 0)
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  return new Float32Array(bytes.slice().buffer);
}
