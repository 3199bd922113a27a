// Node-only: file access and gzip decompression for readNifti. The decoding core does not import this.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { NiftiError } from '../NiftiError';

/** Deflate cannot expand data by more than about 1032:1; a stream of n bytes yields at most this much. */
const MAX_INFLATE_RATIO = 1032;

export interface OpenedSource {
  name: string;
  gzip: boolean;
  /** Exact size for uncompressed input, an upper bound for gzip. */
  capacity: number;
  /** Where to start a data buffer: the whole data for uncompressed input, a few times the gzip size otherwise. */
  initialBytes: number;
  chunks(): AsyncIterable<Uint8Array>;
}

const isGzip = (head: Uint8Array) => head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;

/** Opens a path or a byte array; compression is detected from the gzip magic, never from the name. */
export async function openSource(source: string | Uint8Array, name: string): Promise<OpenedSource> {
  if (typeof source !== 'string') {
    const gzip = isGzip(source);
    return {
      name,
      gzip,
      capacity: gzip ? source.length * MAX_INFLATE_RATIO + 1024 : source.length,
      initialBytes: gzip ? source.length * 4 : Infinity,
      chunks: () => (gzip ? gunzipChunks(Readable.from([source]), name) : single(source)),
    };
  }
  let size: number;
  const head = new Uint8Array(2);
  try {
    size = (await stat(source)).size;
    const handle = await open(source, 'r');
    try {
      await handle.read(head, 0, 2, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw ioError(name, error);
  }
  const gzip = isGzip(head);
  return {
    name,
    gzip,
    capacity: gzip ? size * MAX_INFLATE_RATIO + 1024 : size,
    initialBytes: gzip ? size * 4 : Infinity,
    chunks: () => {
      const raw = createReadStream(source, { highWaterMark: 1 << 20 });
      return gzip ? gunzipChunks(raw, name) : plainChunks(raw, name);
    },
  };
}

async function* single(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

async function* plainChunks(raw: Readable, name: string): AsyncIterable<Uint8Array> {
  try {
    for await (const chunk of raw) yield chunk as Uint8Array;
  } catch (error) {
    throw ioError(name, error);
  }
}

/** Node's zlib checks every member's CRC and length and decodes concatenated members in full. */
async function* gunzipChunks(raw: Readable, name: string): AsyncIterable<Uint8Array> {
  const gunzip = createGunzip({ chunkSize: 1 << 20 });
  pipeline(raw, gunzip, () => {
    // errors surface through the iteration below
  });
  try {
    for await (const chunk of gunzip) yield chunk as Uint8Array;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (typeof e.code === 'string' && e.code.startsWith('Z_')) {
      const detail =
        e.code === 'Z_BUF_ERROR'
          ? 'the gzip stream ends early (truncated, or its trailer is missing)'
          : `damaged gzip stream (${e.message})`;
      throw new NiftiError('CORRUPT_GZIP', name, detail, { cause: error });
    }
    throw ioError(name, error);
  }
}

function ioError(name: string, error: unknown): NiftiError {
  if (error instanceof NiftiError) return error;
  const e = error as NodeJS.ErrnoException;
  const reason = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory' : e.message;
  return new NiftiError('IO', name, `cannot read: ${reason}`, { cause: error });
}
