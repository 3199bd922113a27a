/** Binary frames on the ring: a 16-byte header (four big-endian uint32), then `byteLength` bytes. */
export const FRAME_HEADER_BYTES = 16;

export const FrameKind = {
  hello: 1,
  allreduce: 2,
  broadcast: 3,
  allgather: 4,
  barrier: 5,
  /** the job failed: payload is the reason (UTF-8), `arg` the rank that vanished or NO_RANK */
  abort: 6,
  /** the sender closed its context; the connection ends after this frame */
  goodbye: 7,
  /** the sender has started collective `seq`: if it then goes silent, it waits on another rank */
  enter: 8,
} as const;
export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

export const NO_RANK = 0xffffffff;

export interface FrameHeader {
  kind: FrameKind;
  /** per kind: reduce op of allreduce (0 sum, 1 mean), root of broadcast, round of barrier */
  arg: number;
  /** number of the collective call: every rank numbers its calls the same way */
  seq: number;
  byteLength: number;
}

export function encodeFrameHeader(header: FrameHeader): Buffer {
  const bytes = Buffer.allocUnsafe(FRAME_HEADER_BYTES);
  bytes.writeUInt32BE(header.kind, 0);
  bytes.writeUInt32BE(header.arg, 4);
  bytes.writeUInt32BE(header.seq, 8);
  bytes.writeUInt32BE(header.byteLength, 12);
  return bytes;
}

export function decodeFrameHeader(bytes: Buffer): FrameHeader {
  return {
    kind: bytes.readUInt32BE(0) as FrameKind,
    arg: bytes.readUInt32BE(4),
    seq: bytes.readUInt32BE(8),
    byteLength: bytes.readUInt32BE(12),
  };
}

const NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(FrameKind).map(([name, k]) => [k, name]),
);

/** `allreduce(mean) #7`, `broadcast(root 2) #3`: how errors name a collective call. */
export function describeCall({ kind, arg, seq }: Pick<FrameHeader, 'kind' | 'arg' | 'seq'>): string {
  const name = NAMES[kind] ?? `unknown frame kind ${kind}`;
  const detail =
    kind === FrameKind.allreduce
      ? `(${arg === 1 ? 'mean' : 'sum'})`
      : kind === FrameKind.broadcast
        ? `(root ${arg})`
        : '';
  return `${name}${detail} #${seq}`;
}
