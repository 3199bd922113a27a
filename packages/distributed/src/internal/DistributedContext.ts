import { CollectiveError } from './CollectiveError';
import type { CollectiveEngine, DistBackend } from './CollectiveEngine';
import type { SlotSource } from './detectSlot';
import type { ReduceOp } from './ringAllreduce';
import type { WorkerSlot } from './WorkerSlot';

/**
 * One rank's handle on the job: its slot and the collectives. Every rank must call the same
 * collectives in the same order with buffers of the same length (allgather excepted); calls made
 * without awaiting the previous one run in call order. A failure (a rank gone or silent past the
 * timeout, a mismatched call) rejects the call on every rank with a `CollectiveError` naming the
 * rank, and every later call with the same error. The engine is MPI or the TCP ring (`backend`);
 * a job of one process has none and its collectives return their input.
 */
export class DistributedContext implements WorkerSlot {
  readonly rank: number;
  readonly size: number;
  readonly localRank: number;
  readonly localSize: number;
  readonly crossRank: number;
  readonly crossSize: number;
  /**
   * What the program is doing, for failure messages (the trainer sets `epoch 3 step 120`): a
   * collective that fails or times out says it was called there.
   */
  activity = '';
  private seq = 0;
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** the failure as reported to the caller (the launcher's account when it came in time) */
  private reported: CollectiveError | null = null;

  /** Use `initDistributed`; `engine` is null for a job of one process. */
  constructor(
    slot: WorkerSlot,
    readonly source: SlotSource,
    private readonly engine: CollectiveEngine | null,
    private readonly onClose: () => Promise<void>,
    /** under nnunet-run: the launcher's account of why the job stopped, and how long to wait for it */
    private readonly launcher: { verdict: Promise<CollectiveError>; graceMs: number } | null = null,
  ) {
    ({
      rank: this.rank,
      size: this.size,
      localRank: this.localRank,
      localSize: this.localSize,
      crossRank: this.crossRank,
      crossSize: this.crossSize,
    } = slot);
  }

  /** Which engine moves the data: `mpi`, `tcp` (the ring), or `none` for a job of one process. */
  get backend(): DistBackend {
    return this.engine?.backend ?? 'none';
  }

  /** The first failure of the job as this rank saw it, or null. */
  get failure(): CollectiveError | null {
    return this.reported ?? this.engine?.failure ?? null;
  }

  /** Sum or mean of `buffer` over all ranks, in place (the same array is returned). */
  allreduce(buffer: Float32Array, op: ReduceOp = 'sum'): Promise<Float32Array> {
    if (op !== 'sum' && op !== 'mean')
      throw new TypeError(`allreduce: op must be 'sum' or 'mean', got '${op}'`);
    return this.run((engine, seq) => engine.allreduce(buffer, op, seq), buffer);
  }

  /** Rank `root`'s `buffer` into every rank's `buffer` (same length everywhere), in place. */
  broadcast(buffer: Float32Array, root = 0): Promise<Float32Array> {
    if (!Number.isInteger(root) || root < 0 || root >= this.size) {
      throw new RangeError(`broadcast: root must be a rank in 0..${this.size - 1}, got ${root}`);
    }
    return this.run((engine, seq) => engine.broadcast(buffer, root, seq), buffer);
  }

  /** Every rank's `buffer` (lengths may differ), indexed by rank; copies, never the caller's array. */
  allgather(buffer: Float32Array): Promise<Float32Array[]> {
    return this.run((engine, seq) => engine.allgather(buffer, seq), [buffer.slice()]);
  }

  /** Resolves once every rank has called `barrier`. */
  barrier(): Promise<void> {
    return this.run((engine, seq) => engine.barrier(seq), undefined);
  }

  /** Waits for calls in flight, then closes the connections. Every rank should close. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.tail;
    this.engine?.close();
    await this.onClose();
  }

  /**
   * When one rank dies, its neighbours see it at once and would exit before the launcher has
   * noticed the death itself, so the launcher would blame them. Under nnunet-run a failure
   * therefore waits briefly for the launcher's account ("rank 2 exited with code 1"), which the
   * launcher sends as soon as it sees the first worker go, and reports that instead.
   */
  private async account(error: CollectiveError): Promise<CollectiveError> {
    if (!this.launcher) return error;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>(
      (resolve) => (timer = setTimeout(() => resolve(null), this.launcher!.graceMs)),
    );
    const verdict = await Promise.race([this.launcher.verdict, late]);
    clearTimeout(timer);
    return verdict ?? error;
  }

  /** Queues one collective; a job of one process returns `solo` at once. */
  private run<T>(collective: (engine: CollectiveEngine, seq: number) => Promise<T>, solo: T): Promise<T> {
    if (this.closed) return Promise.reject(new Error(`rank ${this.rank}: the distributed context is closed`));
    const seq = ++this.seq;
    const engine = this.engine;
    const result = this.tail.then(async () => {
      if (!engine) return solo;
      try {
        return await collective(engine, seq);
      } catch (error) {
        const failure =
          error instanceof CollectiveError
            ? error
            : new CollectiveError(`rank ${this.rank}: ${(error as Error).message}`, this.rank, null);
        throw (this.reported ??= withActivity(await this.account(failure), this.activity));
      }
    });
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** The failure, its message saying where the program was (`activity`) when there is something to say. */
function withActivity(error: CollectiveError, activity: string): CollectiveError {
  if (!activity || error.message.includes(activity)) return error;
  return new CollectiveError(
    `${error.message} (at ${activity})`,
    error.rank,
    error.vanishedRank,
    error.origin,
  );
}
