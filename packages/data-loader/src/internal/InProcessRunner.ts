import type { CaseSource } from '../CaseSource';
import { SampleMaker, type SampleJob, type SamplerConfig } from './SampleMaker';
import type { SampleRunner } from './SampleRunner';

/** `--num-workers 0`: samples are made in this process, one after another in the order asked for. */
export class InProcessRunner implements SampleRunner {
  private readonly maker: SampleMaker;
  // One sample at a time keeps memory at one case region however many batches are requested.
  private tail: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(source: CaseSource, config: SamplerConfig) {
    this.maker = new SampleMaker(source, config);
  }

  run(job: SampleJob, image: Float32Array, label: Uint8Array): Promise<void> {
    const result = this.tail.then(async () => {
      if (this.closed) throw new Error('data-loader: the loader is closed');
      let sample;
      try {
        sample = await this.maker.make(job);
      } catch (error) {
        throw new Error(`data-loader: case '${job.caseId}': ${(error as Error).message}`, { cause: error });
      }
      image.set(sample.image);
      label.set(sample.label);
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
