import type { CollectiveError } from './CollectiveError';
import type { ReduceOp } from './ringAllreduce';

/** Which engine moves a job's data: MPI (multi-node), the TCP ring (one host, no dependency), or none (one process). */
export type DistBackend = 'mpi' | 'tcp' | 'none';

/**
 * The collectives of one engine. `DistributedContext` queues the calls, numbers them (`seq`) and
 * turns failures into `CollectiveError`s; an engine only runs one call at a time, in that order.
 */
export interface CollectiveEngine {
  readonly backend: Exclude<DistBackend, 'none'>;
  /** the first failure of the job as this rank saw it, or null */
  readonly failure: CollectiveError | null;
  allreduce(buffer: Float32Array, op: ReduceOp, seq: number): Promise<Float32Array>;
  broadcast(buffer: Float32Array, root: number, seq: number): Promise<Float32Array>;
  allgather(buffer: Float32Array, seq: number): Promise<Float32Array[]>;
  barrier(seq: number): Promise<void>;
  close(): void;
}
