import { createServer, connect, type Server, type Socket } from 'node:net';

const HELLO_BYTES = 4;
const GOODBYE = 0xff;

/**
 * MPI says nothing of a peer that dies (mpirun just kills the job), so each rank also holds a TCP
 * connection to both ring neighbours that carries no data: the kernel closes a dead process's
 * sockets at once, and the neighbour can name the rank that vanished before the job goes down.
 * `close()` says goodbye first, so a rank that ends normally is not reported.
 */
export class PeerWatch {
  private closing = false;
  private readonly sockets: Socket[] = [];

  private constructor(
    private readonly server: Server,
    private readonly onLost: (rank: number) => void,
  ) {}

  /** Listens on `host`, exchanges addresses with `exchange` (an allgather of strings), connects to rank+1. */
  static async start(
    rank: number,
    size: number,
    host: string,
    exchange: (address: string) => Promise<string[]>,
    onLost: (rank: number) => void,
  ): Promise<PeerWatch> {
    const server = createServer();
    const watch = new PeerWatch(server, onLost);
    server.on('connection', (socket) => {
      let hello = Buffer.alloc(0);
      const onHello = (chunk: Buffer) => {
        hello = Buffer.concat([hello, chunk]);
        if (hello.length < HELLO_BYTES) return;
        socket.off('data', onHello);
        watch.watch(socket, hello.readUInt32BE(0), hello.subarray(HELLO_BYTES).includes(GOODBYE));
      };
      socket.on('data', onHello);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, () => resolve());
    });
    server.unref();
    const port = (server.address() as { port: number }).port;
    const addresses = await exchange(`${host}:${port}`);
    const next = (rank + 1) % size;
    const [nextHost, nextPort] = splitAddress(addresses[next]!);
    const socket = connect(nextPort, nextHost);
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.once('connect', () => resolve());
    });
    const hello = Buffer.alloc(HELLO_BYTES);
    hello.writeUInt32BE(rank, 0);
    socket.write(hello);
    watch.watch(socket, next);
    return watch;
  }

  /** Says goodbye on every connection and closes them. */
  close(): void {
    if (this.closing) return;
    this.closing = true;
    for (const socket of this.sockets) socket.end(Buffer.of(GOODBYE));
    this.server.close();
  }

  private watch(socket: Socket, peer: number, saidGoodbyeAlready = false): void {
    this.sockets.push(socket);
    socket.unref();
    let saidGoodbye = saidGoodbyeAlready;
    socket.on('data', (chunk: Buffer) => (saidGoodbye ||= chunk.includes(GOODBYE)));
    socket.on('error', () => undefined); // 'close' follows and reports it
    socket.on('close', () => {
      if (!this.closing && !saidGoodbye) this.onLost(peer);
    });
  }
}

function splitAddress(address: string): [string, number] {
  const colon = address.lastIndexOf(':');
  return [address.slice(0, colon), Number(address.slice(colon + 1))];
}
