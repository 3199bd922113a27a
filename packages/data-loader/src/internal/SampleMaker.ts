import {
  chooseCropBox,
  createPipeline,
  labelObjects,
  Random,
  type Augment,
  type AugmentName,
  type LabelObjects,
  type Sample,
  type Shape3,
  type SpatialDims,
} from '@nnunet-ts/augment';
import type { CaseSource } from '../CaseSource';
import { patchRegion } from './patchRegion';
import { toClassIds } from './toClassIds';

/** Everything that fixes how samples are made; plain data, so that worker processes get the same. */
export interface SamplerConfig {
  readonly augment: AugmentName;
  /** [D, H, W], or [slab depth, H, W] in 2D. */
  readonly patch: Shape3;
  readonly dims: SpatialDims;
  readonly oversampling: number;
  readonly seed: number;
  /** Channels every case must have. */
  readonly channels: number;
}

/** One sample to make: the `index`-th sample of `rank` in `epoch`, cut from case `caseId`. */
export interface SampleJob {
  readonly caseId: string;
  readonly epoch: number;
  readonly rank: number;
  readonly index: number;
}

/** Stream key of samples (the case order uses key 0). */
const SAMPLE = 1;

/**
 * Makes augmented samples from a case source. A sample is a pure function of the job and the config: its
 * random stream is keyed by (seed, epoch, rank, index), never by the process that makes it.
 * The crop is chosen on the whole case (objects found once per case and kept), then only the region the
 * pipeline needs is read.
 */
export class SampleMaker {
  private readonly pipeline: Augment;
  private readonly objects = new Map<string, Promise<LabelObjects>>();

  constructor(
    private readonly source: CaseSource,
    private readonly config: SamplerConfig,
  ) {
    // the loader chooses the crop itself (on the whole case) and hands the pipeline its start
    this.pipeline = createPipeline(config.augment, { patch: config.patch, dims: config.dims });
  }

  async make(job: SampleJob): Promise<Sample> {
    const { patch, augment, dims, oversampling, seed, channels } = this.config;
    const id = job.caseId;
    const header = await this.source.header(id);
    if (header.channels !== channels) {
      throw new RangeError(`case '${id}' has ${header.channels} channel(s), the other cases ${channels}`);
    }
    const objects = await this.objectsOf(id, header.shape);
    const random = Random.derive(seed, SAMPLE, job.epoch, job.rank, job.index);
    const box = chooseCropBox(objects, patch, random.fork(0), oversampling);
    const region = patchRegion(header.shape, box.start, patch, augment, dims);
    const arrays = await this.source.read(id, region);
    const sample = {
      image: arrays.image,
      label: toClassIds(`case '${id}'`, arrays.label),
      shape: region.size,
      channels,
    };
    const local = box.start.map((s, a) => s - region.start[a]);
    return this.pipeline(sample, random.fork(1), { start: local });
  }

  private objectsOf(id: string, shape: Shape3): Promise<LabelObjects> {
    let objects = this.objects.get(id);
    if (!objects) {
      objects = this.source
        .readLabel(id)
        .then((label) => labelObjects(toClassIds(`case '${id}'`, label), shape));
      this.objects.set(id, objects);
      objects.catch(() => this.objects.delete(id));
    }
    return objects;
  }
}
