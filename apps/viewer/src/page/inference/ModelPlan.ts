/** How one input channel is normalized: packages/preprocessing's `ChannelNormalization`, read only for its scheme here. */
export interface PlanNormalization {
  scheme: string;
}

/**
 * What in-browser inference needs of the plan that `saveUNet` stores in `model.json`
 * (`userDefinedMetadata.nnunetTs.plan`, a configuration of packages/preprocessing's plans): axes in
 * network order, `[D, H, W]` in 3D (D = the last NIfTI axis) or `[H, W]` in 2D.
 */
export interface ModelPlan {
  patchSize: number[];
  /** target voxel spacing in mm, same axes as `patchSize` */
  spacing: number[];
  /** one entry per input channel, when the plan has them */
  normalization?: PlanNormalization[];
}

/**
 * Reads and checks the plan in a model's user-defined metadata; `source` names the model in errors.
 */
export function readModelPlan(metadata: unknown, source: string): ModelPlan {
  const plan = (metadata as { nnunetTs?: { plan?: unknown } } | undefined)?.nnunetTs?.plan;
  if (typeof plan !== 'object' || plan === null) {
    throw new Error(`${source}: no nnunet-ts plan in the model's metadata (was it saved by saveUNet?)`);
  }
  const { patchSize, spacing, normalization } = plan as Record<string, unknown>;
  const isSizes = (v: unknown, positive: (n: number) => boolean): v is number[] =>
    Array.isArray(v) &&
    (v.length === 2 || v.length === 3) &&
    v.every((n) => typeof n === 'number' && positive(n));
  if (!isSizes(patchSize, (n) => Number.isInteger(n) && n >= 1)) {
    throw new Error(
      `${source}: the plan's patchSize must be 2 or 3 positive integers, got ${JSON.stringify(patchSize)}`,
    );
  }
  if (!isSizes(spacing, (n) => Number.isFinite(n) && n > 0) || spacing.length !== patchSize.length) {
    throw new Error(
      `${source}: the plan's spacing must be ${patchSize.length} positive numbers like its patchSize, got ${JSON.stringify(spacing)}`,
    );
  }
  if (
    normalization !== undefined &&
    !(Array.isArray(normalization) && normalization.every((n) => typeof n?.scheme === 'string'))
  ) {
    throw new Error(`${source}: the plan's normalization must be a list of { scheme } (one per channel)`);
  }
  return {
    patchSize,
    spacing,
    ...(normalization !== undefined && { normalization: normalization as PlanNormalization[] }),
  };
}
