import { chunkBounds, segments } from './chunkBounds';
import { float32Bytes } from './float32Bytes';
import { FrameKind } from './frameHeader';
import type { Ring } from './Ring';

export type ReduceOp = 'sum' | 'mean';

const mod = (a: number, n: number) => ((a % n) + n) % n;

/**
 * Ring allreduce in place: reduce-scatter then allgather, each in size-1 steps, every rank
 * sending and receiving one chunk per step (chunks cut into frames of at most `scratch.length`
 * floats, the size of the receive buffer).
 * Chunk c is summed along the ring starting at rank c, `((x_c + x_c+1) + x_c+2) + ...`, by the
 * rank that ends up owning it, and then copied to all others: the order is fixed by the chunk
 * index and the ring size, so every rank gets bit-identical results, run after run. `mean`
 * divides the owned chunk by the size before it is shared.
 */
export async function ringAllreduce(
  ring: Ring,
  buffer: Float32Array,
  op: ReduceOp,
  seq: number,
  scratch: Float32Array,
): Promise<Float32Array> {
  const { rank, size } = ring;
  if (size === 1) return buffer;
  const header = { kind: FrameKind.allreduce, arg: op === 'mean' ? 1 : 0, seq };
  const bounds = chunkBounds(buffer.length, size);
  const pieces = (chunk: number) => segments(bounds[chunk]!, bounds[chunk + 1]!, scratch.length);
  const sendChunk = (chunk: number) =>
    Promise.all(pieces(chunk).map(([start, end]) => ring.send(header, float32Bytes(buffer, start, end))));

  const receiveAndAdd = async (chunk: number) => {
    for (const [start, end] of pieces(chunk)) {
      await ring.receive(header, float32Bytes(scratch, 0, end - start));
      for (let i = start, j = 0; i < end; i++, j++) buffer[i] = scratch[j]! + buffer[i]!;
    }
  };
  for (let step = 0; step < size - 1; step++) {
    await Promise.all([sendChunk(mod(rank - step, size)), receiveAndAdd(mod(rank - step - 1, size))]);
  }

  const owned = mod(rank + 1, size);
  if (op === 'mean') for (let i = bounds[owned]!; i < bounds[owned + 1]!; i++) buffer[i] = buffer[i]! / size;

  const receiveInto = async (chunk: number) => {
    for (const [start, end] of pieces(chunk)) await ring.receive(header, float32Bytes(buffer, start, end));
  };
  for (let step = 0; step < size - 1; step++) {
    await Promise.all([sendChunk(mod(rank + 1 - step, size)), receiveInto(mod(rank - step, size))]);
  }
  return buffer;
}
