import { connect, type Socket } from 'node:net';
import { formatHostPort, type HostPort } from './HostPort';
import { encodeJsonFrame, JsonFrameDecoder } from './jsonFrames';
import type { RendezvousAbort, RendezvousReply, RendezvousRequest } from './rendezvousProtocol';

type RequestBody = RendezvousRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

export interface RendezvousJoin {
  rank: number;
  size: number;
  jobToken: string;
  /** how long to keep retrying a refused connection (the server may start after the workers) */
  timeoutMs: number;
}

/** A rank's connection to the rendezvous service. */
export class RendezvousClient {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (r: RendezvousReply) => void; reject: (e: Error) => void }
  >();
  private lostReason: string | null = null;
  private lostRank: number | null = null;
  private closing = false;
  private readonly lostListeners: ((reason: string, rank: number | null) => void)[] = [];

  private constructor(
    private readonly socket: Socket,
    private readonly where: string,
    private readonly rank: number,
  ) {
    const decoder = new JsonFrameDecoder(`rendezvous ${where}`);
    socket.on('data', (chunk) => {
      let messages: unknown[];
      try {
        messages = decoder.push(chunk);
      } catch (error) {
        this.lose((error as Error).message);
        socket.destroy();
        return;
      }
      for (const message of messages) {
        const abort = message as RendezvousAbort;
        if (abort.event === 'abort') {
          this.lose(`the job was stopped: ${abort.reason}`, abort.rank ?? null);
          continue;
        }
        const reply = message as RendezvousReply;
        this.pending.get(reply.id)?.resolve(reply);
        this.pending.delete(reply.id);
      }
    });
    socket.on('error', (error) =>
      this.lose(`connection to the rendezvous ${where} failed (${error.message})`),
    );
    socket.on('close', () => this.lose(`the rendezvous ${where} closed the connection`));
  }

  /** Connects (retrying while refused, up to `timeoutMs`) and says hello. */
  static async connect(address: HostPort, join: RendezvousJoin): Promise<RendezvousClient> {
    const where = formatHostPort(address);
    const deadline = Date.now() + join.timeoutMs;
    let delay = 50;
    for (;;) {
      try {
        const socket = await openSocket(address);
        const client = new RendezvousClient(socket, where, join.rank);
        try {
          await client.request({ op: 'hello', rank: join.rank, size: join.size, jobToken: join.jobToken });
        } catch (error) {
          socket.destroy();
          throw error;
        }
        return client;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const retry = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
        if (!retry) throw error;
        if (Date.now() + delay > deadline) {
          throw new Error(
            `rank ${join.rank}: no rendezvous at ${where} within ${join.timeoutMs} ms (${code})`,
            {
              cause: error,
            },
          );
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 1000);
      }
    }
  }

  /** The address of this host on the route to the rendezvous: where peers can reach this rank too. */
  get localAddress(): string {
    return (this.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  }

  async set(key: string, value: string): Promise<void> {
    await this.request({ op: 'set', key, value });
  }

  /** The value of `key`, waiting until some rank sets it (at most `timeoutMs`). */
  async get(key: string, timeoutMs: number): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `rank ${this.rank}: '${key}' was not published at the rendezvous within ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      const reply = await Promise.race([this.request({ op: 'get', key }), timeout]);
      return reply.value ?? '';
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Called once if the connection ends other than by `close()`: the launcher went away, or stopped
   * the job (then `rank` is the rank whose exit made it stop, when one did).
   */
  onLost(listener: (reason: string, rank: number | null) => void): void {
    if (this.lostReason !== null) {
      if (!this.closing) listener(this.lostReason, this.lostRank);
    } else this.lostListeners.push(listener);
  }

  /** Lets the process exit while only this connection is open. */
  unref(): void {
    this.socket.unref();
  }

  close(): void {
    this.closing = true;
    this.socket.end();
  }

  private request(body: RequestBody): Promise<RendezvousReply & { ok: true }> {
    if (this.lostReason !== null) return Promise.reject(new Error(`rank ${this.rank}: ${this.lostReason}`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, {
        resolve: (reply) =>
          reply.ok
            ? resolve(reply)
            : reject(
                new Error(
                  `rank ${this.rank}: the rendezvous ${this.where} refused ${body.op}: ${reply.error}`,
                ),
              ),
        reject,
      });
      this.socket.write(encodeJsonFrame({ id, ...body }));
    });
  }

  private lose(reason: string, rank: number | null = null): void {
    if (this.lostReason !== null) return;
    this.lostReason = reason;
    this.lostRank = rank;
    for (const { reject } of this.pending.values()) reject(new Error(`rank ${this.rank}: ${reason}`));
    this.pending.clear();
    if (!this.closing) for (const listener of this.lostListeners) listener(reason, rank);
  }
}

function openSocket(address: HostPort): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: address.host, port: address.port });
    socket.once('connect', () => {
      socket.off('error', reject);
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}
