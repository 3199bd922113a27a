import { open, type FileHandle } from 'node:fs/promises';
import { endianness } from 'node:os';
import { NPY_DTYPES, type NpyArray } from '../NpyArray';
import { parseNpyHeader, type NpyHeader } from '../npyHeader';

/** An open .npy file whose header has been read; close it when done. */
export interface NpyFile {
  readonly file: string;
  readonly header: NpyHeader;
  /** `count` elements starting at element `first` (C order). */
  read(first: number, count: number): Promise<NpyArray['data']>;
  /** bytes on disk, to check against the header */
  size(): Promise<number>;
  close(): Promise<void>;
}

export async function openNpyFile(file: string): Promise<NpyFile> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new Error(`${file}: cannot open: ${(error as Error).message}`, { cause: error });
  }
  try {
    // every size the header declares is checked against the file before anything is allocated for it
    const { size } = await handle.stat();
    const header = await readHeader(handle, file, size);
    const { array } = NPY_DTYPES[header.dtype];
    const dataBytes = elementCount(header.shape) * array.BYTES_PER_ELEMENT;
    if (header.dataOffset + dataBytes > size) {
      throw new Error(
        `${file}: truncated .npy data (shape (${header.shape.join(', ')}) needs ${dataBytes} bytes after the ${header.dataOffset}-byte header, the file has ${size} bytes)`,
      );
    }
    return {
      file,
      header,
      read: (first, count) =>
        readElements(handle, file, array, header.dataOffset + first * array.BYTES_PER_ELEMENT, count),
      size: async () => (await handle.stat()).size,
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function readHeader(handle: FileHandle, file: string, size: number): Promise<NpyHeader> {
  let bytes = new Uint8Array(128);
  for (;;) {
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
    const parsed = parseNpyHeader(bytes.subarray(0, bytesRead), file);
    if ('dtype' in parsed) return parsed;
    if (bytesRead < bytes.length || parsed.needed <= bytesRead || parsed.needed > size)
      throw new Error(
        `${file}: truncated .npy header (${parsed.needed} bytes declared, the file has ${size})`,
      );
    bytes = new Uint8Array(parsed.needed);
  }
}

async function readElements(
  handle: FileHandle,
  file: string,
  array: (typeof NPY_DTYPES)[keyof typeof NPY_DTYPES]['array'],
  offset: number,
  count: number,
): Promise<NpyArray['data']> {
  if (endianness() !== 'LE') throw new Error(`${file}: reading .npy files needs a little-endian machine`);
  const data = new array(count);
  const bytes = new Uint8Array(data.buffer);
  let done = 0;
  while (done < bytes.length) {
    const { bytesRead } = await handle.read(bytes, done, bytes.length - done, offset + done);
    if (bytesRead === 0)
      throw new Error(`${file}: truncated .npy data (wanted ${count} elements at byte ${offset})`);
    done += bytesRead;
  }
  return data;
}

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
