import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
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

/** Reads and verifies a checkpoint; any damage is an error naming the file and what is wrong. */
export async function readCheckpoint(path: string): Promise<CheckpointContents> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new Error(`cannot read checkpoint ${path}: ${(error as Error).message}`, { cause: error });
  }
  const fail = (problem: string): never => {
    throw new Error(`checkpoint ${path} is damaged: ${problem}`);
  };
  if (bytes.byteLength < 16 || bytes.toString('ascii', 0, 8) !== MAGIC)
    fail('it is not an nnunet-ts checkpoint');
  const version = bytes.readUInt32LE(8);
  if (version !== VERSION) fail(`format version ${version}, this build reads version ${VERSION}`);
  const headerLength = bytes.readUInt32LE(12);
  if (16 + headerLength > bytes.byteLength) fail('the header runs past the end of the file (truncated?)');
  let header: Header;
  try {
    header = JSON.parse(bytes.toString('utf8', 16, 16 + headerLength)) as Header;
  } catch {
    return fail('the header is not valid JSON');
  }
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
