import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  readCheckpoint,
  readCheckpointMetadata,
  writeCheckpoint,
  type CheckpointContents,
} from './checkpointFile';

const dir = mkdtempSync(join(tmpdir(), 'nnunet-ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const contents = (): CheckpointContents => ({
  metadata: { step: 12, epoch: 3, bestDice: 0.81, plan: { patchSize: [64, 64, 64] } },
  tensors: new Map([
    [
      'conv/kernel',
      { dtype: 'float32', shape: [3, 2], data: Float32Array.from([1.5, -2, 3e-8, 4, Number.NaN, 6]) },
    ],
    ['adam/iterations', { dtype: 'int32', shape: [], data: Int32Array.from([12]) }],
    ['odd', { dtype: 'float32', shape: [3], data: Float32Array.from([7, 8, 9]) }],
  ]),
});

describe('checkpoint files', () => {
  it('round-trip metadata and tensors bit for bit', async () => {
    const path = join(dir, 'roundtrip.ckpt');
    await writeCheckpoint(path, contents());
    const back = await readCheckpoint(path);
    expect(back.metadata).toEqual(contents().metadata);
    for (const [name, tensor] of contents().tensors) {
      const read = back.tensors.get(name)!;
      expect(read.dtype).toBe(tensor.dtype);
      expect(read.shape).toEqual(tensor.shape);
      expect(new Uint8Array(read.data.buffer)).toEqual(new Uint8Array(tensor.data.buffer));
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses damaged files, naming the file and the damage', async () => {
    const path = join(dir, 'damaged.ckpt');
    await writeCheckpoint(path, contents());
    const bytes = readFileSync(path);
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 3]! ^= 0x10;
    writeFileSync(path, flipped);
    await expect(readCheckpoint(path)).rejects.toThrow(
      `checkpoint ${path} is damaged: the tensor data does not match`,
    );
    writeFileSync(path, bytes.subarray(0, bytes.length - 5));
    await expect(readCheckpoint(path)).rejects.toThrow(/truncated/);
    writeFileSync(path, 'hello');
    await expect(readCheckpoint(path)).rejects.toThrow(/not an nnunet-ts checkpoint/);
    await expect(readCheckpoint(join(dir, 'missing.ckpt'))).rejects.toThrow(
      /cannot read checkpoint .*missing\.ckpt/,
    );
  });

  it('the metadata alone comes from the header; a damaged header is refused as by a full read', async () => {
    const path = join(dir, 'metadata.ckpt');
    await writeCheckpoint(path, contents());
    expect(await readCheckpointMetadata(path)).toEqual(contents().metadata);
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, 40));
    await expect(readCheckpointMetadata(path)).rejects.toThrow(
      `checkpoint ${path} is damaged: the header runs past the end of the file (truncated?)`,
    );
    const garbled = Buffer.from(bytes);
    garbled[16] = 0x7b - 1; // the header's opening brace
    writeFileSync(path, garbled);
    await expect(readCheckpointMetadata(path)).rejects.toThrow('the header is not valid JSON');
    writeFileSync(path, 'hi');
    await expect(readCheckpointMetadata(path)).rejects.toThrow(/not an nnunet-ts checkpoint/);
    await expect(readCheckpointMetadata(join(dir, 'missing.ckpt'))).rejects.toThrow(
      /cannot read checkpoint .*missing\.ckpt/,
    );
  });

  it('a process killed while writing leaves the previous checkpoint intact', async () => {
    const path = join(dir, 'last.ckpt');
    await writeCheckpoint(path, contents());
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./slowCheckpointWriter.fixture.ts', import.meta.url)), path],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    // kill it as soon as the temporary file has some bytes in it
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => {
        const poll = setInterval(() => {
          const partial = readdirSync(dir).find((f) => f.startsWith('.last.ckpt.') && f.endsWith('.tmp'));
          if (partial) {
            clearInterval(poll);
            child.kill('SIGKILL');
          }
        }, 1);
      });
      child.on('exit', (_code, signal) =>
        signal === 'SIGKILL' ? resolve() : reject(new Error('writer finished before it was killed')),
      );
    });
    const survivor = await readCheckpoint(path);
    expect(survivor.metadata).toEqual(contents().metadata);
  }, 60_000);
});
