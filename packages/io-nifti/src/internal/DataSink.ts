import { NiftiError } from '../NiftiError';

/**
 * Collects `length` bytes starting `skip` bytes into a stream. The buffer starts at `initial` bytes and
 * doubles as data arrive (capped at `length`), so a header that promises more than a compressed stream
 * delivers never costs more than about twice the bytes that really came.
 */
export class DataSink {
  private bytes: Uint8Array;
  private position = 0;
  private filled = 0;

  constructor(
    private readonly file: string,
    private readonly skip: number,
    readonly length: number,
    initial = length,
  ) {
    this.bytes = new Uint8Array(Math.min(length, Math.max(0, initial)));
  }

  get full(): boolean {
    return this.filled === this.length;
  }

  /** Takes the part of the chunk that falls inside the wanted range; returns true once the range is full. */
  push(chunk: Uint8Array): boolean {
    const start = this.position;
    this.position += chunk.length;
    const from = Math.max(0, this.skip - start);
    const to = Math.min(chunk.length, this.skip + this.length - start);
    if (to > from) {
      const at = start + from - this.skip;
      const end = at + to - from;
      if (end > this.bytes.length) {
        const grown = new Uint8Array(Math.min(this.length, Math.max(end, 2 * this.bytes.length)));
        grown.set(this.bytes.subarray(0, this.filled));
        this.bytes = grown;
      }
      this.bytes.set(chunk.subarray(from, to), at);
      this.filled += to - from;
    }
    return this.full;
  }

  /** Throws unless every wanted byte arrived: partial data are never returned. */
  finish(): ArrayBuffer {
    if (!this.full) {
      throw new NiftiError(
        'TRUNCATED',
        this.file,
        `the file ends after ${this.filled} of the ${this.length} bytes of voxel data the header declares` +
          (this.skip > 0 ? ` (starting at byte ${this.skip})` : ''),
      );
    }
    return this.bytes.buffer as ArrayBuffer;
  }
}
