import { FrameKind } from './frameHeader';
import type { Ring } from './Ring';

const EMPTY = new Uint8Array(0);

/**
 * No rank returns before every rank has entered. Round 0: a token leaves rank 0 and each rank
 * passes it on once it has entered; when it is back at rank 0, all have entered. Round 1: a
 * release goes around the same way and each rank returns once it has passed it on.
 */
export async function ringBarrier(ring: Ring, seq: number): Promise<void> {
  if (ring.size === 1) return;
  for (const round of [0, 1]) {
    const header = { kind: FrameKind.barrier, arg: round, seq };
    if (ring.rank === 0) {
      await ring.send(header, EMPTY);
      await ring.receive(header, EMPTY);
    } else {
      await ring.receive(header, EMPTY);
      await ring.send(header, EMPTY);
    }
  }
}
