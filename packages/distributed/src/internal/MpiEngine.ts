import { hostname } from 'node:os';
import { CollectiveError } from './CollectiveError';
import type { CollectiveEngine } from './CollectiveEngine';
import { MpiCollective, type MpiAddon, type MpiSlot } from './mpiAddon';
import { PeerWatch } from './PeerWatch';
import type { ReduceOp } from './ringAllreduce';

/** What each rank says it is calling, compared before every collective: [kind, arg, length, seq]. */
const DESCRIPTOR_INTS = 4;
const Call = { allreduce: 1, broadcast: 2, allgather: 3, barrier: 4 } as const;
type CallKind = (typeof Call)[keyof typeof Call];
/** an address for the peer watch, as char codes in a fixed-size block (allgather needs equal sizes) */
const ADDRESS_INTS = 256;

export interface MpiEngineOptions {
  /** a collective that has not completed after this long aborts the job (MPI has no timeout) */
  timeoutMs: number;
  /** where the program is, for messages (`DistributedContext.activity`) */
  activity: () => string;
}

/**
 * The collectives on MPI (`native/mpi_addon.cc`). Before each call the ranks allgather what they
 * are about to call, so ranks that call different collectives (or lengths, roots, ops) fail with a
 * message naming both instead of hanging; a watchdog aborts the job when a call outlives the
 * timeout; and a peer watch names a rank that died. `mean` is MPI's sum divided once.
 */
export class MpiEngine implements CollectiveEngine {
  readonly backend = 'mpi';
  failure: CollectiveError | null = null;
  private watch: PeerWatch | null = null;
  /** the collective called last, and whether it is still running */
  private current = '';
  private busy = false;
  private closed = false;

  private constructor(
    private readonly addon: MpiAddon,
    readonly slot: MpiSlot,
    private readonly options: MpiEngineOptions,
  ) {}

  /** MPI_Init_thread on the addon's thread, then the peer watch. */
  static async start(addon: MpiAddon, options: MpiEngineOptions, watchHost?: string): Promise<MpiEngine> {
    const engine = new MpiEngine(addon, addon.init(), options);
    const { rank, size, localSize } = engine.slot;
    if (size > 1) {
      // loopback when the whole job is on this host, else this host's name
      const host = watchHost ?? (localSize === size ? '127.0.0.1' : hostname());
      engine.watch = await PeerWatch.start(
        rank,
        size,
        host,
        (address) => engine.exchangeStrings(address),
        (peer) => engine.peerLost(peer),
      );
    }
    return engine;
  }

  async allreduce(buffer: Float32Array, op: ReduceOp, seq: number): Promise<Float32Array> {
    await this.agree(Call.allreduce, op === 'mean' ? 1 : 0, buffer.length, seq);
    // the mean is divided on the MPI thread, where it does not hold up the event loop
    await this.call(MpiCollective.allreduceSum, op === 'mean' ? this.slot.size : 1, buffer, null, null);
    return buffer;
  }

  async broadcast(buffer: Float32Array, root: number, seq: number): Promise<Float32Array> {
    await this.agree(Call.broadcast, root, buffer.length, seq);
    await this.call(MpiCollective.broadcast, root, buffer, null, null);
    return buffer;
  }

  async allgather(buffer: Float32Array, seq: number): Promise<Float32Array[]> {
    const descriptors = await this.agree(Call.allgather, 0, buffer.length, seq);
    const counts = new Int32Array(this.slot.size);
    for (let r = 0; r < this.slot.size; r++) counts[r] = descriptors[r * DESCRIPTOR_INTS + 2]!;
    const all = new Float32Array(counts.reduce((a, b) => a + b, 0));
    await this.call(MpiCollective.allgatherv, 0, buffer, all, counts);
    const parts: Float32Array[] = [];
    let offset = 0;
    for (const count of counts) {
      parts.push(all.slice(offset, offset + count));
      offset += count;
    }
    return parts;
  }

  async barrier(seq: number): Promise<void> {
    await this.agree(Call.barrier, 0, 0, seq);
    await this.call(MpiCollective.barrier, 0, null, null, null);
  }

  /** Says goodbye to the peer watch and finalizes MPI (after every queued call). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.watch?.close();
    this.addon.finalize();
  }

  /** Every rank's descriptor; a CollectiveError naming the ranks when they do not all call the same thing. */
  private async agree(kind: CallKind, arg: number, length: number, seq: number): Promise<Int32Array> {
    if (this.failure) throw this.failure;
    this.current = describeCall(kind, arg, length, seq);
    const all = new Int32Array(DESCRIPTOR_INTS * this.slot.size);
    await this.call(MpiCollective.allgatherInt, 0, Int32Array.of(kind, arg, length, seq), all, null);
    const differs = (r: number) =>
      [0, 1, 3].some((i) => all[r * DESCRIPTOR_INTS + i] !== all[i]) ||
      (kind !== Call.allgather && all[r * DESCRIPTOR_INTS + 2] !== all[2]);
    const other = Array.from({ length: this.slot.size }, (_, r) => r).find(differs);
    if (other !== undefined) {
      const calls = Array.from({ length: this.slot.size }, (_, r) => {
        const [k, a, n, s] = all.subarray(r * DESCRIPTOR_INTS, (r + 1) * DESCRIPTOR_INTS);
        return `rank ${r} called ${describeCall(k as CallKind, a!, n!, s!)}`;
      });
      throw this.fail(`the ranks called different collectives: ${calls.join(', ')}`);
    }
    return all;
  }

  /** One addon call, watched: past the timeout the job is aborted with a message saying what hung. */
  private call(
    kind: number,
    arg: number,
    input: Float32Array | Int32Array | null,
    output: Float32Array | Int32Array | null,
    counts: Int32Array | null,
  ): Promise<void> {
    const { timeoutMs } = this.options;
    return new Promise<void>((resolve, reject) => {
      const watchdog = setTimeout(() => {
        this.addon.abort(
          1,
          `nnunet-ts rank ${this.slot.rank}: ${this.current}${this.where()} did not complete within ` +
            `${timeoutMs / 1000} s: a rank stalled, died or is in another collective; aborting the job (MPI_Abort)`,
        );
      }, timeoutMs);
      watchdog.unref();
      this.busy = true;
      this.addon.submit(kind, arg, input, output, counts, (error) => {
        clearTimeout(watchdog);
        this.busy = false;
        if (error) reject(this.fail(`MPI: ${error.message} in ${this.current}`));
        else resolve();
      });
    });
  }

  private peerLost(peer: number): void {
    if (this.closed) return;
    const during = this.busy ? `during ${this.current}` : `after ${this.current || 'the start'}`;
    this.addon.abort(
      1,
      `nnunet-ts rank ${this.slot.rank}: rank ${peer} vanished (its process ended without closing) ${during}${this.where()}; aborting the job (MPI_Abort)`,
    );
  }

  private where(): string {
    const activity = this.options.activity();
    return activity ? ` at ${activity}` : '';
  }

  private fail(message: string): CollectiveError {
    this.failure ??= new CollectiveError(`rank ${this.slot.rank}: ${message}`, this.slot.rank, null);
    return this.failure;
  }

  /** Every rank's string (at most ADDRESS_INTS - 1 characters), by rank: for the peer watch's addresses. */
  private async exchangeStrings(text: string): Promise<string[]> {
    if (text.length >= ADDRESS_INTS) throw new Error(`address too long for the peer watch: ${text}`);
    const block = new Int32Array(ADDRESS_INTS);
    block[0] = text.length;
    for (let i = 0; i < text.length; i++) block[i + 1] = text.charCodeAt(i);
    const all = new Int32Array(ADDRESS_INTS * this.slot.size);
    this.current = 'the exchange of peer-watch addresses';
    await this.call(MpiCollective.allgatherInt, 0, block, all, null);
    return Array.from({ length: this.slot.size }, (_, r) => {
      const at = r * ADDRESS_INTS;
      return String.fromCharCode(...all.subarray(at + 1, at + 1 + all[at]!));
    });
  }
}

function describeCall(kind: CallKind, arg: number, length: number, seq: number): string {
  switch (kind) {
    case Call.allreduce:
      return `allreduce #${seq} (${arg === 1 ? 'mean' : 'sum'}, ${length} floats)`;
    case Call.broadcast:
      return `broadcast #${seq} (root ${arg}, ${length} floats)`;
    case Call.allgather:
      return `allgather #${seq}`;
    case Call.barrier:
      return `barrier #${seq}`;
    default:
      return `an unknown collective (${kind}) #${seq}`;
  }
}
