import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { writeFileAtomic } from '@nnunet-ts/io-nifti';

const MAGIC = 'NNUNETCK';
const VERSION = 1;

export type CheckpointDType = 'float32' | 'int32';
export interface CheckpointTensor {
  dtype: CheckpointDType;
  shape: number[];
  data: Float32Array | Int32Array;
}

/** What a checkpoint holds: named tensors (weights, optimiser state) and JSON metadata. */
export interface CheckpointContents {
  metadata: Record<string, unknown>;
  tensors: Map<string, CheckpointTensor>;
}

interface TensorEntry {
  name: string;
  dtype: CheckpointDType;
  shape: number[];
  offset: number;
  byteLength: number;
}

interface Header {
  format: 'nnunet-ts-checkpoint';
  version: number;
  metadata: Record<string, unknown>;
  tensors: TensorEntry[];
  blobBytes: number;
  blobSha256: string;
}

/**
 * Writes a checkpoint file: `NNUNETCK`, a little-endian u32 version and u32 header length, the JSON
 * header (metadata, tensor table, SHA-256 of the tensor bytes), then the tensor bytes, through
 * `writeFileAtomic`: a crash at any moment leaves either the previous file or the complete new one.
 */
export async function writeCheckpoint(path: string, contents: CheckpointContents): Promise<void> {
  const entries: TensorEntry[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [name, tensor] of contents.tensors) {
    const expected = tensor.shape.reduce((a, b) => a * b, 1);
    if (tensor.data.length !== expected) {
      throw new Error(
        `checkpoint tensor ${name}: ${tensor.data.length} values for shape [${tensor.shape.join(', ')}]`,
      );
    }
    const bytes = new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
    entries.push({ name, dtype: tensor.dtype, shape: tensor.shape, offset, byteLength: bytes.byteLength });
    chunks.push(bytes);
    offset += bytes.byteLength;
  }
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk);
  const header: Header = {
    format: 'nnunet-ts-checkpoint',
    version: VERSION,
    metadata: contents.metadata,
    tensors: entries,
    blobBytes: offset,
    blobSha256: hash.digest('hex'),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const preamble = Buffer.alloc(16);
  preamble.write(MAGIC, 0, 'ascii');
  preamble.writeUInt32LE(VERSION, 8);
  preamble.writeUInt32LE(headerBytes.byteLength, 12);

  await writeFileAtomic(path, [preamble, headerBytes, ...chunks]);
}

const damaged = (path: string, problem: string): never => {
  throw new Error(`checkpoint ${path} is damaged: ${problem}`);
};
const unreadable = (path: string, error: unknown): never => {
  throw new Error(`cannot read checkpoint ${path}: ${(error as Error).message}`, { cause: error });
};

/** The header's length, from the first 16 bytes of a file of `fileBytes` bytes. */
function headerLengthOf(path: string, preamble: Buffer, fileBytes: number): number {
  if (fileBytes < 16 || preamble.toString('ascii', 0, 8) !== MAGIC)
    damaged(path, 'it is not an nnunet-ts checkpoint');
  const version = preamble.readUInt32LE(8);
  if (version !== VERSION) damaged(path, `format version ${version}, this build reads version ${VERSION}`);
  const headerLength = preamble.readUInt32LE(12);
  if (16 + headerLength > fileBytes) damaged(path, 'the header runs past the end of the file (truncated?)');
  return headerLength;
}

function parseHeader(path: string, text: string): Header {
  try {
    return JSON.parse(text) as Header;
  } catch {
    return damaged(path, 'the header is not valid JSON');
  }
}

/**
 * A checkpoint's metadata alone, from its header (the tensors are neither read nor verified): what
 * a run needs to know before it builds its data loader.
 */
export async function readCheckpointMetadata(path: string): Promise<Record<string, unknown>> {
  const file = await open(path, 'r').catch((error: unknown) => unreadable(path, error));
  try {
    const { size } = await file.stat();
    const preamble = Buffer.alloc(16);
    await file.read(preamble, 0, 16, 0);
    const headerLength = headerLengthOf(path, preamble, size);
    const header = Buffer.alloc(headerLength);
    await file.read(header, 0, headerLength, 16);
    return parseHeader(path, header.toString('utf8')).metadata;
  } finally {
    await file.close();
  }
}

/** Reads and verifies a checkpoint; any damage is an error naming the file and what is wrong. */
export async function readCheckpoint(path: string): Promise<CheckpointContents> {
  const bytes = await readFile(path).catch((error: unknown) => unreadable(path, error));
  const fail = (problem: string) => damaged(path, problem);
  const headerLength = headerLengthOf(path, bytes, bytes.byteLength);
  const header = parseHeader(path, bytes.toString('utf8', 16, 16 + headerLength));
  const blob = bytes.subarray(16 + headerLength);
  if (blob.byteLength !== header.blobBytes) {
    fail(`${blob.byteLength} bytes of tensor data, the header promises ${header.blobBytes} (truncated?)`);
  }
  if (createHash('sha256').update(blob).digest('hex') !== header.blobSha256) {
    fail('the tensor data does not match its SHA-256 checksum');
  }
  const tensors = new Map<string, CheckpointTensor>();
  for (const entry of header.tensors) {
    // copy into an aligned buffer: the blob offset need not be a multiple of 4
    const copy = blob.buffer.slice(
      blob.byteOffset + entry.offset,
      blob.byteOffset + entry.offset + entry.byteLength,
    );
    const data = entry.dtype === 'int32' ? new Int32Array(copy) : new Float32Array(copy);
    tensors.set(entry.name, { dtype: entry.dtype, shape: entry.shape, data });
  }
  return { metadata: header.metadata, tensors };
}
