import type { SampleJob } from './SampleMaker';

/** Makes samples somewhere (in this process or in workers) and writes them into a batch's slots. */
export interface SampleRunner {
  /** Makes the sample of `job` and copies its image and label into `image` and `label` (views of a batch). */
  run(job: SampleJob, image: Float32Array, label: Uint8Array): Promise<void>;
  close(): Promise<void>;
}
