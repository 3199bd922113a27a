import { headerAffine } from '../headerAffine';
import { NiftiError } from '../NiftiError';
import type { NiftiHeaderInfo } from '../NiftiImage';
import type { NiftiHeader } from '../NiftiHeader';
import { dataLayout, type DataLayout } from './dataLayout';
import { DataSink } from './DataSink';
import { headerSizeOf, parseHeader } from './parseHeader';
import { parseExtensions } from './parseExtensions';

/**
 * Most bytes of header and extensions kept from a gzip stream before its voxel data (a pair's whole .hdr):
 * deflate inflates up to 1032-fold, so without a cap a small file could make the reader keep gigabytes.
 */
export const MAX_GZIP_HEADER_BYTES = 64 * 2 ** 20;

export interface StreamLimits {
  maxVoxels: number;
  /** The most bytes the stream can deliver: the file size, or a bound for a gzip stream of that size. */
  capacity: number;
  /** True when `capacity` is the exact size (uncompressed input), so exceeding it means truncation. */
  capacityExact: boolean;
  /** Size to start the data buffer at when the stream may deliver less than declared (gzip). */
  initialBytes?: number;
}

export interface DecodedHeader {
  info: NiftiHeaderInfo;
  layout: DataLayout;
  /** True when the header belongs to a .hdr/.img pair (or is Analyze): its data live in the .img. */
  pair: boolean;
}

/**
 * Incremental decoder for one NIfTI byte stream (already decompressed). It parses and checks the header
 * as soon as its bytes arrive, checks that the declared data fit what the stream can hold, and only then
 * allocates the data buffer, so a hostile header never causes a large allocation.
 * For a pair header (.hdr) it keeps the whole stream: extensions run to its end.
 */
export class NiftiStreamDecoder {
  private chunks: Uint8Array[] = [];
  private received = 0;
  private decoded?: DecodedHeader;
  private sink?: DataSink;
  private done = false;

  constructor(
    private readonly file: string,
    private readonly limits: StreamLimits,
    private readonly options: { headerOnly: boolean; pairAllowed: boolean },
  ) {}

  /** Feeds the next chunk; returns true once nothing more is needed (later bytes are only verified). */
  push(chunk: Uint8Array): boolean {
    if (this.done) return true;
    if (this.sink) {
      this.done = this.sink.push(chunk);
      return this.done;
    }
    this.chunks.push(chunk);
    this.received += chunk.length;
    if (!this.decoded && this.received >= 4) {
      const size = headerSizeOf(this.prefix(), this.file);
      if (this.received >= size) this.decoded = this.decodeHeader(this.prefix());
    }
    this.checkKept();
    if (this.decoded && !this.decoded.pair && this.received >= this.decoded.layout.dataOffset) {
      this.startData();
    }
    return this.done;
  }

  /** Refuses a gzip stream whose header part (up to vox_offset, or a pair's whole .hdr) exceeds the cap. */
  private checkKept(): void {
    if (this.limits.capacityExact) return;
    const single = this.decoded && !this.decoded.pair;
    const kept = single ? this.decoded!.layout.dataOffset : this.received;
    if (kept <= MAX_GZIP_HEADER_BYTES) return;
    const cap = `${MAX_GZIP_HEADER_BYTES / 2 ** 20} MiB`;
    throw new NiftiError(
      'TOO_LARGE',
      this.file,
      single
        ? `vox_offset is ${kept}: the header and extensions before the voxel data exceed ${cap}, more than this reader keeps from a gzip stream`
        : `the gzip-compressed header file inflates to more than ${cap} of header and extensions`,
    );
  }

  /** Call at the end of the stream: the header information and, unless headerOnly or a pair, the data. */
  finish(): { decoded: DecodedHeader; data: ArrayBuffer | null } {
    if (!this.decoded) {
      this.decoded = this.decodeHeader(this.prefix());
    }
    const { layout, pair } = this.decoded;
    if (pair) {
      this.addExtensions(this.prefix(), this.received);
      return { decoded: this.decoded, data: null };
    }
    if (!this.sink && !this.done) {
      throw new NiftiError(
        'TRUNCATED',
        this.file,
        `the file ends at byte ${this.received}, before vox_offset ${layout.dataOffset} where the voxel data start`,
      );
    }
    return { decoded: this.decoded, data: this.sink ? this.sink.finish() : null };
  }

  private startData(): void {
    const decoded = this.decoded as DecodedHeader;
    const prefix = this.prefix();
    this.addExtensions(prefix, decoded.layout.dataOffset);
    this.chunks = [];
    if (this.options.headerOnly) {
      this.done = true;
      return;
    }
    this.sink = new DataSink(this.file, 0, decoded.layout.dataBytes, this.limits.initialBytes);
    this.done = this.sink.push(prefix.subarray(decoded.layout.dataOffset));
  }

  private addExtensions(bytes: Uint8Array, end: number): void {
    const { info } = this.decoded as DecodedHeader;
    const { extensions, warning } = parseExtensions(
      bytes,
      info.header.sizeofHdr,
      end,
      info.header.littleEndian,
    );
    info.extensions = extensions;
    if (warning) info.warnings.push(warning);
  }

  private decodeHeader(bytes: Uint8Array): DecodedHeader {
    const header = parseHeader(bytes, this.file, this.options.pairAllowed);
    const pair = header.magic !== 'n+1' && header.magic !== 'n+2';
    const layout = dataLayout(header, this.file, !pair, this.limits.maxVoxels);
    const { affine, source } = headerAffine(header, this.file);
    if (!pair) checkFits(this.file, layout, this.limits);
    return { info: headerInfo(header, layout, affine, source), layout, pair };
  }

  private prefix(): Uint8Array {
    if (this.chunks.length > 1) {
      const all = new Uint8Array(this.received);
      let at = 0;
      for (const c of this.chunks) {
        all.set(c, at);
        at += c.length;
      }
      this.chunks = [all];
    }
    return this.chunks[0] ?? new Uint8Array(0);
  }
}

/** Refuses data that cannot be in the stream, before the buffer for them is allocated. */
export function checkFits(file: string, layout: DataLayout, limits: StreamLimits): void {
  const end = layout.dataOffset + layout.dataBytes;
  if (end <= limits.capacity) return;
  const what = `the header declares ${layout.dataBytes} bytes of voxel data at offset ${layout.dataOffset}`;
  if (limits.capacityExact) {
    throw new NiftiError('TRUNCATED', file, `${what}, but the file has only ${limits.capacity} bytes`);
  }
  throw new NiftiError(
    'TOO_LARGE',
    file,
    `${what}, more than a gzip stream of this size can hold (${limits.capacity})`,
  );
}

function headerInfo(
  header: NiftiHeader,
  layout: DataLayout,
  affine: NiftiHeaderInfo['affine'],
  affineSource: NiftiHeaderInfo['affineSource'],
): NiftiHeaderInfo {
  return {
    header,
    extensions: [],
    dtype: layout.dtype,
    dims: layout.dims,
    zooms: layout.zooms,
    affine,
    affineSource,
    scaling: layout.scaling,
    warnings: [...layout.warnings],
  };
}
