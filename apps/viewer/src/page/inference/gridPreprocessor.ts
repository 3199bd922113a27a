import { createVolume, type Volume } from '@nnunet-ts/volume';
import type { CasePreprocessor, PreparedInput } from './CasePreprocessor';
import type { ModelPlan } from './ModelPlan';

/** Relative difference under which an image's spacing counts as the plan's (header rounding). */
const SPACING_TOLERANCE = 1e-3;

/**
 * Prepares an image that is already on the plan's grid: its spacing must be the plan's (nothing is
 * resampled) and every channel's normalization `none` (normalizing is packages/preprocessing's, not
 * yet exported); channels are interleaved channels-last. Anything else is refused with the reason,
 * rather than predicted on a wrong input.
 */
export const gridPreprocessor: CasePreprocessor = (image: Volume, plan: ModelPlan): PreparedInput => {
  const [nI, nJ, nK] = image.shape;
  const is2d = plan.patchSize.length === 2;
  // network axes are reversed NIfTI axes: [D, H, W] = [k, j, i]; a 2D plan does not resample D
  const imageSpacing = is2d ? [image.spacing[1], image.spacing[0]] : [...image.spacing].reverse();
  const differs = imageSpacing.some(
    (s, a) => Math.abs(s - plan.spacing[a]!) > SPACING_TOLERANCE * plan.spacing[a]!,
  );
  if (differs) {
    throw new Error(
      `the image's spacing [${imageSpacing.join(', ')}] mm is not the plan's [${plan.spacing.join(', ')}]: ` +
        'resampling in the browser waits for packages/preprocessing',
    );
  }
  const normalization = plan.normalization ?? [];
  if (normalization.length > 0 && normalization.length !== image.channels) {
    throw new Error(`the model takes ${normalization.length} channel(s), the image has ${image.channels}`);
  }
  const unsupported = normalization.find((n) => n.scheme !== 'none');
  if (unsupported) {
    throw new Error(
      `the plan normalizes with '${unsupported.scheme}', which in-browser inference cannot do until ` +
        'packages/preprocessing exports its normalization',
    );
  }
  const voxels = nI * nJ * nK;
  const channels = image.channels;
  const data = new Float32Array(voxels * channels);
  // NIfTI order keeps each channel as a block; channels-last interleaves them per voxel
  for (let c = 0; c < channels; c++) {
    for (let v = 0; v < voxels; v++) data[v * channels + c] = Number(image.data[c * voxels + v]);
  }
  return {
    data,
    shape: [nK, nJ, nI],
    channels,
    restore: (labels) => createVolume({ data: labels, shape: image.shape, affine: image.affine }),
  };
};
