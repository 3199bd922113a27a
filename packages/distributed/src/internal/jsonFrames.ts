/** Rendezvous messages are small; a larger length means the peer does not speak this protocol. */
const MAX_JSON_FRAME_BYTES = 1 << 20;

/** One message as a frame: 4-byte big-endian length, then UTF-8 JSON. */
export function encodeJsonFrame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  const frame = Buffer.allocUnsafe(4 + body.length);
  frame.writeUInt32BE(body.length, 0);
  body.copy(frame, 4);
  return frame;
}

/** Cuts a byte stream into the JSON messages of `encodeJsonFrame`, whatever the chunking. */
export class JsonFrameDecoder {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly peer: string) {}

  /** Adds received bytes; returns the messages they complete, in order. */
  push(chunk: Buffer): unknown[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const messages: unknown[] = [];
    while (this.pending.length >= 4) {
      const length = this.pending.readUInt32BE(0);
      if (length > MAX_JSON_FRAME_BYTES) {
        throw new Error(`${this.peer} sent a ${length}-byte frame: not an nnunet-ts rendezvous peer`);
      }
      if (this.pending.length < 4 + length) break;
      const text = this.pending.toString('utf8', 4, 4 + length);
      this.pending = this.pending.subarray(4 + length);
      try {
        messages.push(JSON.parse(text));
      } catch {
        throw new Error(`${this.peer} sent a frame that is not JSON: ${JSON.stringify(text.slice(0, 80))}`);
      }
    }
    return messages;
  }
}
