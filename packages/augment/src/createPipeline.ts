import type { Augment, AugmentName, PipelineConfig } from './Augment';
import { nnunetPipeline } from './nnunetPipeline';
import { nvidiaPipeline } from './nvidiaPipeline';

/** The pipeline named by `--augment`: 'nvidia' (the seed's DALI pipeline) or 'nnunet' (nnU-Net v2's). */
export function createPipeline(name: AugmentName, config: PipelineConfig): Augment {
  if (name === 'nvidia') return nvidiaPipeline(config);
  if (name === 'nnunet') return nnunetPipeline(config);
  throw new RangeError(
    `createPipeline: unknown augmentation '${String(name)}', expected 'nvidia' or 'nnunet'`,
  );
}
