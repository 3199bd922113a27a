import { bytesToFloat32, float32Bytes } from './float32Bytes';
import { FrameKind } from './frameHeader';
import type { Ring } from './Ring';

const mod = (a: number, n: number) => ((a % n) + n) % n;

/**
 * Every rank's buffer, indexed by rank (lengths may differ between ranks). In step s each rank
 * passes on the block it received in step s-1 (its own first); the frame length carries the
 * block's length. The caller's buffer is copied, not kept.
 */
export async function ringAllgather(ring: Ring, buffer: Float32Array, seq: number): Promise<Float32Array[]> {
  const { rank, size } = ring;
  const blocks: Float32Array[] = new Array<Float32Array>(size);
  blocks[rank] = buffer.slice();
  const header = { kind: FrameKind.allgather, arg: 0, seq };
  for (let step = 0; step < size - 1; step++) {
    const from = mod(rank - step - 1, size);
    const [, bytes] = await Promise.all([
      ring.send(header, float32Bytes(blocks[mod(rank - step, size)]!)),
      ring.receive(header, null),
    ]);
    blocks[from] = bytesToFloat32(bytes, `rank ${rank}: allgather #${seq} block of rank ${from}`);
  }
  return blocks;
}
