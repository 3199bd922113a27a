import type { Socket } from 'node:net';
import { CollectiveError } from './CollectiveError';
import type { Expected, FrameReader } from './FrameReader';
import { describeCall, encodeFrameHeader, FrameKind, NO_RANK, type FrameHeader } from './frameHeader';
import type { Ring } from './Ring';

/**
 * The ring over TCP: `next` carries this rank's frames to rank+1, `prev` (read by `prevReader`)
 * brings rank-1's; rank+1 writes on `next` (read by `nextReader`) only to abort or say goodbye. The first failure anywhere (a peer gone, silent, or out of step) fails the
 * ring for good and rejects everything pending; an abort frame with the first rank's account
 * goes to both neighbours, which pass it on, so every rank stops with the same cause.
 */
export class TcpRing implements Ring {
  failure: CollectiveError | null = null;
  private closed = false;
  private lastCall: Expected | null = null;
  private readonly pendingSends = new Set<(error: Error | null | undefined) => void>();

  constructor(
    readonly rank: number,
    readonly size: number,
    private readonly next: Socket,
    private readonly prev: Socket,
    private readonly prevReader: FrameReader,
    private readonly nextReader: FrameReader,
    private readonly timeoutMs: number,
  ) {
    for (const reader of [prevReader, this.nextReader]) {
      reader.timeoutMs = timeoutMs;
      reader.onFailure = (error) => this.fail(error);
      reader.context = () =>
        this.lastCall ? ` (last collective: ${describeCall(this.lastCall)})` : ' (before any collective)';
    }
  }

  send(header: Omit<FrameHeader, 'byteLength'>, payload: Uint8Array): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    this.lastCall = header;
    const nextRank = (this.rank + 1) % this.size;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        const message = `rank ${this.rank}: rank ${nextRank} took no data for ${this.timeoutMs} ms during ${describeCall(header)}`;
        this.fail(new CollectiveError(message, this.rank, nextRank));
      }, this.timeoutMs);
      const settle = (error: Error | null | undefined) => {
        clearTimeout(timer);
        this.pendingSends.delete(settle);
        if (!error) return resolve();
        if (!this.failure) {
          const code = (error as NodeJS.ErrnoException).code ?? error.message;
          const message = `rank ${this.rank}: rank ${nextRank} vanished: sending to it failed (${code}) during ${describeCall(header)}`;
          this.fail(new CollectiveError(message, this.rank, nextRank));
        }
        reject(this.failure ?? error);
      };
      this.pendingSends.add(settle);
      const head = encodeFrameHeader({ ...header, byteLength: payload.byteLength });
      if (payload.byteLength === 0) {
        this.next.write(head, settle);
        return;
      }
      this.next.cork();
      this.next.write(head);
      this.next.write(payload, settle);
      this.next.uncork();
    });
  }

  /** Tells rank+1 that this rank has started collective `seq` (see `FrameKind.enter`). */
  enter(seq: number): void {
    if (this.failure) return;
    this.next.write(encodeFrameHeader({ kind: FrameKind.enter, arg: 0, seq, byteLength: 0 }));
  }

  receive(expected: Expected, into: Uint8Array | null): Promise<Uint8Array> {
    this.lastCall = expected;
    return this.prevReader.receive(expected, into);
  }

  /** Fails the ring with its first failure (later ones are dropped) and tells both neighbours. */
  fail(error: Error): void {
    if (this.failure || this.closed) return;
    const failure =
      error instanceof CollectiveError
        ? error
        : new CollectiveError(`rank ${this.rank}: ${error.message}`, this.rank, null);
    this.failure = failure;
    this.prevReader.fail(failure);
    this.nextReader.fail(failure);
    for (const settle of [...this.pendingSends]) settle(failure);
    const reason = Buffer.from(failure.origin, 'utf8');
    const abort = {
      kind: FrameKind.abort,
      arg: failure.vanishedRank ?? NO_RANK,
      seq: 0,
      byteLength: reason.length,
    };
    const frame = Buffer.concat([encodeFrameHeader(abort), reason]);
    for (const socket of [this.next, this.prev]) {
      if (!socket.destroyed && !socket.writableEnded) socket.end(frame);
      // A hung peer never drains the socket: do not keep it (and the process) alive for it.
      setTimeout(() => socket.destroy(), 1000).unref();
    }
  }

  /**
   * Lets the process exit between collectives: a pending send or receive holds a timer, which
   * keeps it alive while a collective runs.
   */
  unref(): void {
    this.next.unref();
    this.prev.unref();
  }

  /** Says goodbye to both neighbours, so that they take the end of the connections for no failure. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const goodbye = encodeFrameHeader({ kind: FrameKind.goodbye, arg: 0, seq: 0, byteLength: 0 });
    for (const socket of [this.next, this.prev]) {
      if (!socket.destroyed && !socket.writableEnded) socket.end(goodbye);
      setTimeout(() => socket.destroy(), 1000).unref();
    }
  }
}
