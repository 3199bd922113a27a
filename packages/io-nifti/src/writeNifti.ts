// Node-only entry point (node:fs, node:zlib). Encoding itself is in the browser-safe core.
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { Volume } from '@nnunet-ts/volume';
import { encodeNiftiParts, type EncodeNiftiOptions } from './encodeNifti';
import { NiftiError } from './NiftiError';
import { stageFileAtomic, type StagedFile } from './writeFileAtomic';

export interface WriteNiftiOptions extends Omit<EncodeNiftiOptions, 'fileName'> {
  /** gzip level 0-9 for .gz outputs (default 6). */
  compressionLevel?: number;
}

/** Bytes handed to the file or gzip stream at a time, so big volumes are never copied whole. */
const CHUNK = 1 << 22;

/**
 * Writes a .nii, .nii.gz, or a .hdr/.img pair (either name, optionally .gz), chosen by the file name.
 * Each file is written atomically (`writeFileAtomic`), so a reader never sees a partial file; for a
 * pair the .img is renamed into place before the .hdr.
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
    const stagedImg = await stage(img, [parts.data], gz !== '', level);
    try {
      const stagedHdr = await stage(hdr, [parts.header], gz !== '', level);
      await commit(stagedImg);
      await commit(stagedHdr);
    } catch (error) {
      await stagedImg.discard();
      throw error;
    }
    return;
  }
  await commit(await stage(file, [parts.header, parts.data], gz !== '', level));
}

/** The file's bytes, gzipped on the fly for `.gz`, staged by the one atomic writer. */
async function stage(target: string, parts: Uint8Array[], gzip: boolean, level: number): Promise<StagedFile> {
  const chunks = function* () {
    for (const part of parts)
      for (let at = 0; at < part.length; at += CHUNK) yield part.subarray(at, at + CHUNK);
  };
  const source = Readable.from(chunks(), { objectMode: false });
  try {
    return await stageFileAtomic(target, gzip ? source.pipe(createGzip({ level })) : source);
  } catch (error) {
    throw new NiftiError('IO', target, `cannot write: ${reasonOf(error)}`, { cause: error });
  }
}

async function commit(staged: StagedFile): Promise<void> {
  try {
    await staged.commit();
  } catch (error) {
    throw new NiftiError('IO', staged.file, `cannot move the written file into place: ${reasonOf(error)}`, {
      cause: error,
    });
  }
}

/** What went wrong, without writeFileAtomic's own file prefix (NiftiError names the file). */
function reasonOf(error: unknown): string {
  const inner = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return inner instanceof Error ? inner.message : String(inner);
}
