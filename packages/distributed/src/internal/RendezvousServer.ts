import { createServer, type Socket } from 'node:net';
import type { HostPort } from './HostPort';
import { encodeJsonFrame, JsonFrameDecoder } from './jsonFrames';
import { parseRendezvousRequest, type RendezvousAbort, type RendezvousReply } from './rendezvousProtocol';

export interface RendezvousServerOptions {
  /** number of ranks of the job: hello from any other job size is refused */
  size: number;
  jobToken?: string;
  /** address to listen on; default: every interface */
  listenHost?: string;
  /** port to listen on; default 0 (any free port) */
  port?: number;
  /** the host name workers use to reach the server; default `listenHost` */
  advertiseHost?: string;
}

export interface RendezvousServer {
  /** what workers connect to (`NNUNET_RENDEZVOUS`) */
  readonly address: HostPort;
  /** ranks connected now */
  readonly connectedRanks: () => number[];
  /** tells every connected rank the job is over (they fail their collectives with `reason`) */
  abort(reason: string, rank?: number): void;
  close(): Promise<void>;
}

/**
 * The key-value store through which ranks find each other: each rank says hello with its rank,
 * the job size and the job token, publishes its ring address with `set`, and waits for its
 * neighbour's with `get`. Runs in the launcher, or in rank 0 under a scheduler.
 */
export async function startRendezvousServer(options: RendezvousServerOptions): Promise<RendezvousServer> {
  const jobToken = options.jobToken ?? '';
  const values = new Map<string, string>();
  const waiters = new Map<string, ((value: string) => void)[]>();
  const ranks = new Map<number, Socket>();
  const sockets = new Set<Socket>();

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const peer = `rendezvous client ${socket.remoteAddress}:${socket.remotePort}`;
    const decoder = new JsonFrameDecoder(peer);
    let rank: number | null = null;
    const reply = (message: RendezvousReply) => {
      if (!socket.destroyed) socket.write(encodeJsonFrame(message));
    };
    socket.on('data', (chunk) => {
      let messages: unknown[];
      try {
        messages = decoder.push(chunk);
      } catch {
        socket.destroy();
        return;
      }
      for (const message of messages) {
        const request = parseRendezvousRequest(message);
        const id = (message as { id?: number }).id ?? -1;
        if (typeof request === 'string') {
          reply({ id, ok: false, error: request });
          continue;
        }
        if (request.op === 'hello') {
          const refusal =
            request.jobToken !== jobToken
              ? 'wrong job token: this rendezvous belongs to another job'
              : request.size !== options.size
                ? `job size ${request.size} differs from the rendezvous's ${options.size}`
                : request.rank < 0 || request.rank >= options.size
                  ? `rank ${request.rank} is outside 0..${options.size - 1}`
                  : ranks.has(request.rank)
                    ? `rank ${request.rank} has already joined from another process`
                    : null;
          if (refusal) {
            reply({ id, ok: false, error: refusal });
            socket.end();
            return;
          }
          rank = request.rank;
          ranks.set(rank, socket);
          reply({ id, ok: true });
        } else if (rank === null) {
          reply({ id, ok: false, error: 'say hello first' });
        } else if (request.op === 'set') {
          values.set(request.key, request.value);
          for (const wake of waiters.get(request.key) ?? []) wake(request.value);
          waiters.delete(request.key);
          reply({ id, ok: true });
        } else {
          const known = values.get(request.key);
          if (known !== undefined) reply({ id, ok: true, value: known });
          else {
            const list = waiters.get(request.key) ?? [];
            list.push((value) => reply({ id, ok: true, value }));
            waiters.set(request.key, list);
          }
        }
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      if (rank !== null && ranks.get(rank) === socket) ranks.delete(rank);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `rendezvous: cannot listen on ${options.listenHost ?? '*'}:${options.port ?? 0} (${error.code ?? error.message})`,
        ),
      ),
    );
    server.listen(options.port ?? 0, options.listenHost, () => resolve());
  });
  const bound = server.address();
  if (bound === null || typeof bound === 'string') throw new Error('rendezvous: server has no TCP address');
  const address = { host: options.advertiseHost ?? options.listenHost ?? bound.address, port: bound.port };

  return {
    address,
    connectedRanks: () => [...ranks.keys()].sort((a, b) => a - b),
    abort(reason, rank) {
      const event: RendezvousAbort =
        rank === undefined ? { event: 'abort', reason } : { event: 'abort', reason, rank };
      for (const socket of ranks.values()) socket.end(encodeJsonFrame(event));
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
