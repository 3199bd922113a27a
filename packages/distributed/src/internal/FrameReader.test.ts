import { PassThrough } from 'node:stream';
import type { Socket } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import type { CollectiveError } from './CollectiveError';
import { FrameReader } from './FrameReader';
import { encodeFrameHeader, FrameKind, type FrameHeader } from './frameHeader';

const frame = (header: Omit<FrameHeader, 'byteLength'>, payload: Uint8Array) =>
  Buffer.concat([encodeFrameHeader({ ...header, byteLength: payload.byteLength }), payload]);
const allreduce = (seq: number) => ({ kind: FrameKind.allreduce, arg: 0, seq });

/** A reader on a stream standing in for the socket of rank 1, read by rank 2. */
function reader(timeoutMs = 10_000) {
  const stream = new PassThrough();
  return { stream, reader: new FrameReader(stream as unknown as Socket, 2, 1, timeoutMs) };
}

describe('FrameReader', () => {
  it('reassembles frames under every split of the stream, into the given buffer', async () => {
    const payloads = [
      Uint8Array.from({ length: 40 }, (_, i) => i),
      new Uint8Array(0),
      Uint8Array.of(9, 8, 7, 6),
    ];
    const enter = encodeFrameHeader({ kind: FrameKind.enter, arg: 0, seq: 1, byteLength: 0 });
    const stream = Buffer.concat([
      enter,
      ...payloads.map((p, i) => frame(allreduce(1 + (i > 0 ? 1 : 0)), p)),
    ]);
    for (let cut = 0; cut <= stream.length; cut += 3) {
      for (const transient of [false, true]) {
        const { reader: r } = reader();
        // The first part arrives before anyone asks; transient chunks are overwritten right after push.
        const first = Buffer.from(stream.subarray(0, cut));
        r.push(first, transient);
        if (transient) first.fill(0xee);
        const into = new Uint8Array(40);
        const got = r.receive(allreduce(1), into);
        const rest = Buffer.from(stream.subarray(cut));
        r.push(rest, transient);
        if (transient) rest.fill(0xee);
        expect(await got).toBe(into);
        expect(into).toEqual(payloads[0]);
        expect(await r.receive(allreduce(2), null)).toEqual(payloads[1]);
        expect(await r.receive(allreduce(2), new Uint8Array(4))).toEqual(payloads[2]);
      }
    }
  });

  it('fails on a frame of another collective or length, naming both ranks', async () => {
    const { reader: r } = reader();
    r.push(frame({ kind: FrameKind.broadcast, arg: 3, seq: 5 }, new Uint8Array(8)), false);
    await expect(r.receive(allreduce(5), new Uint8Array(8))).rejects.toThrow(
      'rank 2: rank 1 sent broadcast(root 3) #5 while rank 2 runs allreduce(sum) #5',
    );
    const other = reader().reader;
    other.push(frame(allreduce(1), new Uint8Array(8)), false);
    await expect(other.receive(allreduce(1), new Uint8Array(12))).rejects.toThrow(
      'rank 1 sent 8 bytes in allreduce(sum) #1 where rank 2 expects 12: the buffers differ in length across ranks',
    );
  });

  it('reports an abort frame at once, even behind frames nobody asked for yet', async () => {
    const { reader: r, stream } = reader();
    const failures: CollectiveError[] = [];
    r.onFailure = (error) => {
      failures.push(error as CollectiveError);
      r.fail(error);
    };
    const reason = Buffer.from('rank 0: rank 3 vanished: its connection closed');
    r.push(frame(allreduce(1), new Uint8Array(16)), false);
    r.push(
      Buffer.concat([
        encodeFrameHeader({ kind: FrameKind.abort, arg: 3, seq: 0, byteLength: reason.length }),
        reason,
      ]),
      false,
    );
    expect(failures).toEqual([]); // behind an unread frame: found when the connection ends
    stream.end();
    await new Promise((resolve) => setImmediate(resolve));
    expect(failures).toHaveLength(1);
    expect(failures[0]!.message).toBe(
      'rank 2: the job failed: rank 0: rank 3 vanished: its connection closed',
    );
    expect(failures[0]!.vanishedRank).toBe(3);
  });

  it('names the peer that closed or went silent', async () => {
    const closed = reader();
    const pending = closed.reader.receive(allreduce(4), new Uint8Array(4));
    closed.stream.end();
    await expect(pending).rejects.toThrow(
      'rank 2: rank 1 vanished: its connection closed during allreduce(sum) #4',
    );

    const silent = reader(50);
    await expect(silent.reader.receive(allreduce(1), null)).rejects.toThrow(
      /^rank 2: rank 1 sent nothing for \d+ ms during allreduce\(sum\) #1$/,
    );
  });

  it('waits a second period for a peer that has entered the collective (it waits on another rank)', async () => {
    vi.useFakeTimers();
    try {
      for (const entered of [false, true]) {
        const { reader: r } = reader(100);
        if (entered)
          r.push(encodeFrameHeader({ kind: FrameKind.enter, arg: 0, seq: 1, byteLength: 0 }), false);
        let settled = false;
        const result = r.receive(allreduce(1), null).catch((e: Error) => e);
        void result.then(() => (settled = true));
        await vi.advanceTimersByTimeAsync(101);
        expect(settled).toBe(!entered);
        await vi.advanceTimersByTimeAsync(100);
        expect(settled).toBe(true);
        expect(((await result) as Error).message).toMatch(
          /rank 1 sent nothing for \d+ ms during allreduce\(sum\) #1/,
        );
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it('takes a goodbye as no failure until a frame is expected from the closed peer', async () => {
    const { reader: r, stream } = reader();
    const failures: Error[] = [];
    r.onFailure = (error) => {
      failures.push(error);
      r.fail(error);
    };
    r.push(encodeFrameHeader({ kind: FrameKind.goodbye, arg: 0, seq: 0, byteLength: 0 }), false);
    stream.end();
    await new Promise((resolve) => setImmediate(resolve));
    expect(failures).toEqual([]);
    await expect(r.receive({ kind: FrameKind.barrier, arg: 0, seq: 9 }, null)).rejects.toThrow(
      'rank 2: rank 1 closed its context while rank 2 runs barrier #9',
    );
  });
});
