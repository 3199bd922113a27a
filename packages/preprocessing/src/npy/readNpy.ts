import type { NpyArray } from './NpyArray';
import type { NpyHeader } from './npyHeader';
import { elementCount, openNpyFile } from './internal/npyFile';

/** Reads a whole .npy file (C order, little-endian; see `NpyDType` for the element types). */
export async function readNpy(file: string): Promise<NpyArray> {
  const npy = await openNpyFile(file);
  try {
    const { header } = npy;
    const data = await npy.read(0, elementCount(header.shape));
    const size = await npy.size();
    const expected = header.dataOffset + data.byteLength;
    if (size !== expected) throw new Error(`${file}: ${size} bytes, but its header describes ${expected}`);
    return { dtype: header.dtype, shape: header.shape, data };
  } finally {
    await npy.close();
  }
}

/** Reads only the header: dtype, shape and where the data starts. */
export async function readNpyHeader(file: string): Promise<NpyHeader> {
  const npy = await openNpyFile(file);
  await npy.close();
  return npy.header;
}
