import { open, unlink } from 'node:fs/promises';

/** Reads a sample file (image bytes, then label bytes) straight into a batch's slots, then deletes it. */
export async function readSampleFile(file: string, image: Float32Array, label: Uint8Array): Promise<void> {
  const handle = await open(file, 'r');
  try {
    const imageBytes = new Uint8Array(image.buffer, image.byteOffset, image.byteLength);
    await readFully(handle, file, imageBytes, 0);
    await readFully(handle, file, label, imageBytes.length);
  } finally {
    await handle.close();
    await unlink(file);
  }
}

async function readFully(
  handle: Awaited<ReturnType<typeof open>>,
  file: string,
  into: Uint8Array,
  position: number,
): Promise<void> {
  for (let done = 0; done < into.length;) {
    const { bytesRead } = await handle.read(into, done, into.length - done, position + done);
    if (bytesRead === 0) throw new Error(`${file}: sample file ends after ${position + done} bytes`);
    done += bytesRead;
  }
}
