import type { Expected } from './FrameReader';
import type { FrameHeader } from './frameHeader';

/**
 * A rank's two links in the ring: it sends to rank+1 and receives from rank-1. The collectives
 * are written against this; `TcpRing` is the transport.
 */
export interface Ring {
  readonly rank: number;
  readonly size: number;
  /** resolves once the payload has been handed to the OS: only then may its memory change */
  send(header: Omit<FrameHeader, 'byteLength'>, payload: Uint8Array): Promise<void>;
  /** the next frame from rank-1, which must be `expected`; payload into `into` (exact size) or a new array */
  receive(expected: Expected, into: Uint8Array | null): Promise<Uint8Array>;
}
