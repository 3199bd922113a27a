import { NiftiError } from '../NiftiError';

/** Collects `length` bytes starting `skip` bytes into a stream, into one buffer allocated up front. */
export class DataSink {
  readonly buffer: ArrayBuffer;
  private readonly bytes: Uint8Array;
  private position = 0;
  private filled = 0;

  constructor(
    private readonly file: string,
    private readonly skip: number,
    readonly length: number,
  ) {
    this.buffer = new ArrayBuffer(length);
    this.bytes = new Uint8Array(this.buffer);
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
      this.bytes.set(chunk.subarray(from, to), start + from - this.skip);
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
    return this.buffer;
  }
}
