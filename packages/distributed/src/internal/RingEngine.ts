import type { CollectiveEngine } from './CollectiveEngine';
import { ringAllgather } from './ringAllgather';
import { ringAllreduce, type ReduceOp } from './ringAllreduce';
import { ringBarrier } from './ringBarrier';
import { ringBroadcast } from './ringBroadcast';
import type { TcpRing } from './TcpRing';

/** The collectives on the TCP ring: each call first announces itself (`enter`) so a silent rank is named. */
export class RingEngine implements CollectiveEngine {
  readonly backend = 'tcp';
  private scratch: Float32Array | null = null;

  constructor(
    private readonly ring: TcpRing,
    private readonly segmentFloats: number,
  ) {}

  get failure() {
    return this.ring.failure;
  }

  allreduce(buffer: Float32Array, op: ReduceOp, seq: number): Promise<Float32Array> {
    this.start(seq);
    this.scratch ??= new Float32Array(this.segmentFloats);
    return ringAllreduce(this.ring, buffer, op, seq, this.scratch);
  }

  broadcast(buffer: Float32Array, root: number, seq: number): Promise<Float32Array> {
    this.start(seq);
    return ringBroadcast(this.ring, buffer, root, seq, this.segmentFloats);
  }

  allgather(buffer: Float32Array, seq: number): Promise<Float32Array[]> {
    this.start(seq);
    return ringAllgather(this.ring, buffer, seq);
  }

  barrier(seq: number): Promise<void> {
    this.start(seq);
    return ringBarrier(this.ring, seq);
  }

  close(): void {
    this.ring.close();
  }

  private start(seq: number): void {
    if (this.ring.failure) throw this.ring.failure;
    this.ring.enter(seq);
  }
}
