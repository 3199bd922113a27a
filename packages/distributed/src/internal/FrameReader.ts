import { connect, type Socket } from 'node:net';
import { CollectiveError } from './CollectiveError';
import type { HostPort } from './HostPort';
import {
  decodeFrameHeader,
  describeCall,
  FRAME_HEADER_BYTES,
  FrameKind,
  NO_RANK,
  type FrameHeader,
} from './frameHeader';

export type Expected = Pick<FrameHeader, 'kind' | 'arg' | 'seq'>;

interface Pending {
  expected: Expected;
  /** the timeout was extended once because the peer is itself waiting in this collective */
  extended: boolean;
  into: Uint8Array | null;
  header: FrameHeader | null;
  target: Uint8Array | null;
  filled: number;
  timer: NodeJS.Timeout;
  resolve: (bytes: Uint8Array) => void;
  reject: (error: Error) => void;
}

/**
 * Reads the frames one peer sends on one socket, one expected frame at a time, copying payloads
 * straight into the caller's buffer. A closed socket, a peer silent for `timeoutMs` while a frame
 * is awaited, a frame of another collective, and an abort frame (read as soon as it arrives) are
 * failures: they go to `onFailure` (the ring decides what to do) and reject what is pending.
 * Enter frames are read as they arrive too: they tell a silent peer that waits on another rank
 * from one that never started the collective.
 */
export class FrameReader {
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private pending: Pending | null = null;
  private failure: Error | null = null;
  /** set by a goodbye frame: the peer closed its context on purpose */
  private peerClosed = false;
  /** the last collective the peer announced it entered */
  private peerEntered = -1;
  onFailure: (error: Error) => void = (error) => this.fail(error);
  /** where the job stands, for the message when the peer vanishes */
  context: () => string = () => '';

  /** `viaData`: read the socket's 'data' events (else the creator calls `push`, see `connect`). */
  constructor(
    socket: Socket,
    private readonly self: number,
    private readonly peer: number,
    public timeoutMs: number,
    viaData = true,
  ) {
    if (viaData) socket.on('data', (chunk: Buffer) => this.push(chunk, false));
    const vanished = (how: string) => {
      const during = this.pending ? ` during ${describeCall(this.pending.expected)}` : this.context();
      this.onFailure(this.error(`rank ${peer} vanished: ${how}${during}`, peer));
    };
    socket.on('end', () => {
      if (this.peerClosed) return;
      // A peer that failed sent an abort frame before closing; it may wait behind frames nobody
      // asked for yet, and says more than "closed".
      const p = this.pending;
      const abort = this.queuedAbort(p?.header ? p.target!.byteLength - p.filled : 0);
      if (abort) this.onFailure(abort);
      else vanished('its connection closed');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (!this.peerClosed) vanished(`connection error ${error.code ?? error.message}`);
    });
  }

  /**
   * Connects to `address` and reads what arrives through one reused buffer (net's `onread`):
   * reads of megabytes instead of 64 KiB chunks, and no allocation per chunk, which about
   * doubles the receive rate of large frames on loopback.
   */
  static connect(
    address: HostPort,
    self: number,
    peer: number,
    timeoutMs: number,
    readBufferBytes = 4 << 20,
  ): { socket: Socket; reader: FrameReader } {
    const holder: { reader?: FrameReader } = {};
    const socket = connect({
      host: address.host,
      port: address.port,
      onread: {
        buffer: Buffer.allocUnsafe(readBufferBytes),
        callback: (bytes: number, buffer: Uint8Array) => {
          holder.reader!.push(Buffer.from(buffer.buffer, buffer.byteOffset, bytes), true);
          return true; // keep reading
        },
      },
    });
    holder.reader = new FrameReader(socket, self, peer, timeoutMs, false);
    return { socket, reader: holder.reader };
  }

  /**
   * Takes bytes from the socket. A `transient` chunk lives in a buffer the socket reuses: what is
   * not consumed at once is copied.
   */
  push(chunk: Buffer, transient: boolean): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    this.pending?.timer.refresh();
    this.pump();
    const last = this.chunks.length - 1;
    if (transient && last >= 0 && this.chunks[last]!.buffer === chunk.buffer) {
      this.chunks[last] = Buffer.from(this.chunks[last]!);
    }
  }

  /** The next frame, which must be `expected`; its payload lands in `into` (exact size) or a new array. */
  receive(expected: Expected, into: Uint8Array | null): Promise<Uint8Array> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.pending) throw new Error('FrameReader: one receive at a time');
    if (this.peerClosed) {
      this.onFailure(this.closedError(expected));
      return Promise.reject(this.failure ?? this.closedError(expected));
    }
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const timer = setTimeout(() => {
        const p = this.pending;
        // A peer inside the same collective is stuck behind another rank, whose own successor
        // times out first and names it; wait one more period for that report before blaming the peer.
        if (p && !p.extended && this.peerEntered >= expected.seq) {
          p.extended = true;
          timer.refresh();
          return;
        }
        const message = `rank ${this.peer} sent nothing for ${Date.now() - started} ms during ${describeCall(expected)}`;
        this.onFailure(this.error(message, this.peer));
      }, this.timeoutMs);
      this.pending = {
        expected,
        into,
        extended: false,
        header: null,
        target: null,
        filled: 0,
        timer,
        resolve,
        reject,
      };
      this.pump();
    });
  }

  /** Rejects what is pending and every later receive with `error`; the first failure sticks. */
  fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    const pending = this.pending;
    this.pending = null;
    if (pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
  }

  private error(message: string, vanished: number | null): CollectiveError {
    return new CollectiveError(`rank ${this.self}: ${message}`, this.self, vanished);
  }

  private pump(): void {
    while (!this.failure) {
      const p = this.pending;
      if (!p?.header) {
        if (this.buffered < FRAME_HEADER_BYTES) return;
        const header = decodeFrameHeader(this.peek(FRAME_HEADER_BYTES));
        if (header.kind === FrameKind.abort) {
          // Handled even when no frame is awaited, so a failure travels the ring without delay.
          if (this.buffered < FRAME_HEADER_BYTES + header.byteLength) return;
          this.consume(FRAME_HEADER_BYTES);
          const reason = this.peek(header.byteLength).toString('utf8');
          this.consume(header.byteLength);
          this.onFailure(this.abortError(header.arg, reason));
          return;
        }
        if (header.kind === FrameKind.enter) {
          this.consume(FRAME_HEADER_BYTES);
          this.peerEntered = header.seq;
          continue;
        }
        if (header.kind === FrameKind.goodbye) {
          this.consume(FRAME_HEADER_BYTES);
          this.peerClosed = true;
          if (p) this.onFailure(this.closedError(p.expected));
          return;
        }
        if (!p) return;
        this.consume(FRAME_HEADER_BYTES);
        const mismatch = this.check(header, p);
        if (mismatch) {
          // When the peer has already given up, its reason is the better report.
          this.onFailure(this.queuedAbort(header.byteLength) ?? this.error(mismatch, null));
          return;
        }
        p.header = header;
        p.target = p.into ?? new Uint8Array(header.byteLength);
      }
      const target = p.target!;
      const take = Math.min(target.byteLength - p.filled, this.buffered);
      this.copyInto(target, p.filled, take);
      p.filled += take;
      if (p.filled < target.byteLength) return;
      clearTimeout(p.timer);
      this.pending = null;
      p.resolve(target);
      // loop on: an abort frame may already wait behind this frame
    }
  }

  private check(header: FrameHeader, p: Pending): string | null {
    const { expected, into } = p;
    if (header.kind !== expected.kind || header.arg !== expected.arg || header.seq !== expected.seq) {
      return (
        `rank ${this.peer} sent ${describeCall(header)} while rank ${this.self} runs ${describeCall(expected)}: ` +
        'every rank must call the same collectives in the same order with the same arguments'
      );
    }
    if (into && header.byteLength !== into.byteLength) {
      return (
        `rank ${this.peer} sent ${header.byteLength} bytes in ${describeCall(expected)} where rank ${this.self} ` +
        `expects ${into.byteLength}: the buffers differ in length across ranks`
      );
    }
    return null;
  }

  /**
   * An abort frame anywhere in what is buffered, found by walking the frame headers from `at`
   * (the start of the next header).
   */
  private queuedAbort(at: number): CollectiveError | null {
    if (this.buffered === 0) return null;
    const bytes = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    while (at + FRAME_HEADER_BYTES <= bytes.length) {
      const header = decodeFrameHeader(bytes.subarray(at, at + FRAME_HEADER_BYTES));
      const end = at + FRAME_HEADER_BYTES + header.byteLength;
      if (header.kind === FrameKind.abort && end <= bytes.length) {
        return this.abortError(header.arg, bytes.toString('utf8', at + FRAME_HEADER_BYTES, end));
      }
      at = end;
    }
    return null;
  }

  private closedError(expected: Expected): CollectiveError {
    const message = `rank ${this.peer} closed its context while rank ${this.self} runs ${describeCall(expected)}`;
    return this.error(`${message}: every rank must run the same collectives before close()`, null);
  }

  private abortError(vanished: number, reason: string): CollectiveError {
    const who = vanished === NO_RANK ? null : vanished;
    return new CollectiveError(`rank ${this.self}: the job failed: ${reason}`, this.self, who, reason);
  }

  /** The first `n` buffered bytes, without consuming them (n is small: a header or a reason). */
  private peek(n: number): Buffer {
    if (n === 0) return Buffer.alloc(0);
    if (this.chunks[0]!.length >= n) return this.chunks[0]!.subarray(0, n);
    // Join only the chunks that hold the first n bytes: the queue may hold megabytes behind them.
    let count = 0;
    for (let bytes = 0; bytes < n; count++) bytes += this.chunks[count]!.length;
    const joined = Buffer.concat(this.chunks.slice(0, count));
    this.chunks.splice(0, count, joined);
    return joined.subarray(0, n);
  }

  private consume(n: number): void {
    this.buffered -= n;
    while (n > 0) {
      const head = this.chunks[0]!;
      if (head.length > n) {
        this.chunks[0] = head.subarray(n);
        return;
      }
      n -= head.length;
      this.chunks.shift();
    }
  }

  private copyInto(target: Uint8Array, offset: number, n: number): void {
    let at = offset;
    let left = n;
    while (left > 0) {
      const head = this.chunks[0]!;
      const part = Math.min(head.length, left);
      target.set(part === head.length ? head : head.subarray(0, part), at);
      at += part;
      left -= part;
      this.consume(part);
    }
  }
}
