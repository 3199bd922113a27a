import type { Volume } from '@nnunet-ts/volume';
import type { ModelPlan } from './ModelPlan';

/** A case as the network takes it, and the way back to the image's grid. */
export interface PreparedInput {
  /** channels-last values `[...shape, channels]`, row-major */
  data: Float32Array;
  /** spatial shape in network axis order (`[D, H, W]`) */
  shape: number[];
  channels: number;
  /** Takes the label map in network space (`shape`, row-major) back to the image's grid and geometry. */
  restore(labels: Uint8Array): Volume<'uint8'>;
}

/**
 * The seam where preprocessing plugs into in-browser inference: turns an image into the network's
 * input with the plan's steps (crop, resample, normalize) and undoes the geometry afterwards. The
 * default, {@link gridPreprocessor}, does what needs no resampling; the full preprocessing of
 * packages/preprocessing (`preprocessCase` / `restoreLabel`) replaces it once that package exports them.
 */
export type CasePreprocessor = (image: Volume, plan: ModelPlan) => PreparedInput;
