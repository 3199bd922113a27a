import { segments } from './chunkBounds';
import { float32Bytes } from './float32Bytes';
import { FrameKind } from './frameHeader';
import type { Ring } from './Ring';

/**
 * Broadcast in place along the ring from `root`: root → root+1 → ... → root-1, in frames of at
 * most `segmentFloats` that each rank forwards as soon as it has them, so the hops overlap.
 */
export async function ringBroadcast(
  ring: Ring,
  buffer: Float32Array,
  root: number,
  seq: number,
  segmentFloats: number,
): Promise<Float32Array> {
  const { rank, size } = ring;
  if (size === 1) return buffer;
  const header = { kind: FrameKind.broadcast, arg: root, seq };
  const hops = (rank - root + size) % size;
  const forwards: Promise<void>[] = [];
  for (const [start, end] of segments(0, buffer.length, segmentFloats)) {
    const bytes = float32Bytes(buffer, start, end);
    if (hops > 0) await ring.receive(header, bytes);
    if (hops < size - 1) forwards.push(ring.send(header, bytes));
  }
  await Promise.all(forwards);
  return buffer;
}
