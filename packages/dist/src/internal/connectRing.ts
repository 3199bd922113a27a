import { connect, createServer, type Socket } from 'node:net';
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
 * Joins the ring: listens on a free port, publishes `ring/<rank>` at the rendezvous, connects to
 * rank+1's address and accepts rank-1's connection. Each connection opens with a hello frame
 * (sender's rank, job token); connections that fail it are dropped, so a stray client or a
 * process of another job cannot take a neighbour's place.
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
    const accepted = acceptPrev(server, join, prevRank);
    await rendezvous.set(`ring/${rank}`, formatHostPort({ host: join.host, port }));
    const nextAddress = parseHostPort(
      await rendezvous.get(`ring/${nextRank}`, join.startTimeoutMs),
      `ring/${nextRank}`,
    );
    const next = await new Promise<Socket>((resolve, reject) => {
      const socket = connect(nextAddress, () => resolve(socket));
      socket.once('error', (error) =>
        reject(
          new Error(
            `rank ${rank}: cannot connect to rank ${nextRank} at ${formatHostPort(nextAddress)} (${error.message})`,
          ),
        ),
      );
    });
    next.setNoDelay(true);
    const hello = Buffer.from(JSON.stringify({ jobToken: join.jobToken }), 'utf8');
    next.write(encodeFrameHeader({ kind: FrameKind.hello, arg: rank, seq: 0, byteLength: hello.length }));
    next.write(hello);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(`rank ${rank}: rank ${prevRank} did not connect within ${join.startTimeoutMs} ms`),
          ),
        join.startTimeoutMs,
      );
    });
    const [prev, prevReader] = await Promise.race([accepted, timeout]);
    return new TcpRing(rank, size, next, prev, prevReader, join.timeoutMs);
  } finally {
    clearTimeout(timer);
    server.close();
  }
}

/** The first connection that proves to be rank-1 of this job; others are closed. */
function acceptPrev(
  server: ReturnType<typeof createServer>,
  join: RingJoin,
  prevRank: number,
): Promise<[Socket, FrameReader]> {
  return new Promise((resolve) => {
    let done = false;
    server.on('connection', (socket) => {
      socket.setNoDelay(true);
      const reader = new FrameReader(socket, join.rank, prevRank, join.startTimeoutMs);
      reader.onFailure = (error) => {
        reader.fail(error);
        socket.destroy();
      };
      reader.receive({ kind: FrameKind.hello, arg: prevRank, seq: 0 }, null).then(
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
