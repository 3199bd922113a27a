import { createServer, type Socket } from 'node:net';
import { FrameReader } from './FrameReader';
import { encodeFrameHeader, FrameKind } from './frameHeader';
import { formatHostPort, parseHostPort } from './HostPort';
import type { RendezvousClient } from './RendezvousClient';
import { TcpRing } from './TcpRing';

export interface RingJoin {
  rank: number;
  size: number;
  jobToken: string;
  /** address this rank listens on and publishes; peers must be able to reach it */
  host: string;
  timeoutMs: number;
  startTimeoutMs: number;
}

/**
 * Joins the ring: listens on a free port, publishes `ring/<rank>` at the rendezvous, and links to
 * both neighbours. Data flows from rank to rank+1, but each rank opens the connection to rank-1
 * itself, because only sockets a process opens can read through a reused buffer (net's `onread`,
 * see `FrameReader.connect`). The opener says hello (its rank and the job token) first; the
 * listener drops connections that fail it, so a stray client or a process of another job cannot
 * take a neighbour's place.
 */
export async function connectRing(rendezvous: RendezvousClient, join: RingJoin): Promise<TcpRing> {
  const { rank, size } = join;
  const nextRank = (rank + 1) % size;
  const prevRank = (rank - 1 + size) % size;
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, join.host, () => resolve());
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const { port } = server.address() as { port: number };
    const accepted = acceptNext(server, join, nextRank);
    await rendezvous.set(`ring/${rank}`, formatHostPort({ host: join.host, port }));
    const prevAddress = parseHostPort(
      await rendezvous.get(`ring/${prevRank}`, join.startTimeoutMs),
      `ring/${prevRank}`,
    );
    const { socket: prev, reader: prevReader } = FrameReader.connect(
      prevAddress,
      rank,
      prevRank,
      join.timeoutMs,
    );
    await new Promise<void>((resolve, reject) => {
      prev.once('connect', () => resolve());
      prev.once('error', (error) =>
        reject(
          new Error(
            `rank ${rank}: cannot connect to rank ${prevRank} at ${formatHostPort(prevAddress)} (${error.message})`,
          ),
        ),
      );
    });
    prev.setNoDelay(true);
    const hello = Buffer.from(JSON.stringify({ jobToken: join.jobToken }), 'utf8');
    prev.write(encodeFrameHeader({ kind: FrameKind.hello, arg: rank, seq: 0, byteLength: hello.length }));
    prev.write(hello);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(`rank ${rank}: rank ${nextRank} did not connect within ${join.startTimeoutMs} ms`),
          ),
        join.startTimeoutMs,
      );
    });
    const [next, nextReader] = await Promise.race([accepted, timeout]);
    return new TcpRing(rank, size, next, prev, prevReader, nextReader, join.timeoutMs);
  } finally {
    clearTimeout(timer);
    server.close();
  }
}

/** The first connection that proves to be rank+1 of this job; others are closed. */
function acceptNext(
  server: ReturnType<typeof createServer>,
  join: RingJoin,
  nextRank: number,
): Promise<[Socket, FrameReader]> {
  return new Promise((resolve) => {
    let done = false;
    server.on('connection', (socket) => {
      socket.setNoDelay(true);
      const reader = new FrameReader(socket, join.rank, nextRank, join.startTimeoutMs);
      reader.onFailure = (error) => {
        reader.fail(error);
        socket.destroy();
      };
      reader.receive({ kind: FrameKind.hello, arg: nextRank, seq: 0 }, null).then(
        (payload) => {
          let token: unknown;
          try {
            token = (JSON.parse(Buffer.from(payload).toString('utf8')) as { jobToken?: unknown }).jobToken;
          } catch {
            token = undefined;
          }
          if (done || token !== join.jobToken) socket.destroy();
          else {
            done = true;
            resolve([socket, reader]);
          }
        },
        () => socket.destroy(),
      );
    });
  });
}
