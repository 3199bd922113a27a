// Node-only entry point (node:fs, node:zlib). Encoding itself is in the browser-safe core.
import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Volume } from '@nnunet-ts/volume';
import { encodeNiftiParts, type EncodeNiftiOptions } from './encodeNifti';
import { NiftiError } from './NiftiError';

export interface WriteNiftiOptions extends Omit<EncodeNiftiOptions, 'fileName'> {
  /** gzip level 0-9 for .gz outputs (default 6). */
  compressionLevel?: number;
}

/** Bytes handed to the file or gzip stream at a time, so big volumes are never copied whole. */
const CHUNK = 1 << 22;

/**
 * Writes a .nii, .nii.gz, or a .hdr/.img pair (either name, optionally .gz), chosen by the file name.
 * Each file is written to a temporary file in the same folder and renamed into place, so a reader never
 * sees a partial file; for a pair the .img is renamed before the .hdr.
 */
export async function writeNifti(
  file: string,
  volume: Volume,
  options: WriteNiftiOptions = {},
): Promise<void> {
  const m = /^(.*)\.(nii|hdr|img)(\.gz)?$/i.exec(file);
  if (!m)
    throw new NiftiError(
      'IO',
      file,
      'unknown file type: the name must end in .nii, .nii.gz, .hdr or .img (optionally .gz)',
    );
  const [, base, ext, gz = ''] = m;
  const pair = ext.toLowerCase() !== 'nii';
  const parts = encodeNiftiParts(volume, { ...options, fileName: file }, pair);
  const level = options.compressionLevel ?? 6;
  if (pair) {
    const upper = ext === ext.toUpperCase();
    const img = `${base}.${upper ? 'IMG' : 'img'}${gz}`;
    const hdr = `${base}.${upper ? 'HDR' : 'hdr'}${gz}`;
    const imgTemp = await writeTemp(img, [parts.data], gz !== '', level);
    try {
      const hdrTemp = await writeTemp(hdr, [parts.header], gz !== '', level);
      await commit(imgTemp, img);
      await commit(hdrTemp, hdr);
    } catch (error) {
      await unlink(imgTemp).catch(() => undefined);
      throw error;
    }
    return;
  }
  await commit(await writeTemp(file, [parts.header, parts.data], gz !== '', level), file);
}

async function writeTemp(target: string, parts: Uint8Array[], gzip: boolean, level: number): Promise<string> {
  const temp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`,
  );
  const chunks = function* () {
    for (const part of parts)
      for (let at = 0; at < part.length; at += CHUNK) yield part.subarray(at, at + CHUNK);
  };
  try {
    const source = Readable.from(chunks(), { objectMode: false });
    const out = createWriteStream(temp, { flags: 'wx' });
    if (gzip) await pipeline(source, createGzip({ level }), out);
    else await pipeline(source, out);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new NiftiError('IO', target, `cannot write: ${(error as Error).message}`, { cause: error });
  }
  return temp;
}

async function commit(temp: string, target: string): Promise<void> {
  try {
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new NiftiError(
      'IO',
      target,
      `cannot move the written file into place: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
