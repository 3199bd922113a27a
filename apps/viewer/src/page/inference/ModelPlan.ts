import type { ModelPlan } from '@nnunet-ts/trainer';

/**
 * Reads and checks the plan that `nnunet train` stores in `model.json` through unet-model's
 * `saveUNet` (`userDefinedMetadata.nnunetTs.plan`, a trainer `ModelPlan`): the configuration of
 * packages/preprocessing's plans the model was trained with, its name and the classes it outputs.
 * `source` names the model in errors. Only what inference uses is checked: `configuration`,
 * `classes`, and the plan's `dim`, `patchSize`, `spacing`, `normalization` and `resampling`.
 */
export function readModelPlan(metadata: unknown, source: string): ModelPlan {
  const modelPlan = (metadata as { nnunetTs?: { plan?: unknown } } | undefined)?.nnunetTs?.plan;
  if (typeof modelPlan !== 'object' || modelPlan === null) {
    throw new Error(
      `${source}: no nnunet-ts plan in the model's metadata (was it exported by nnunet train?)`,
    );
  }
  const { configuration, classes, plan } = modelPlan as Record<string, unknown>;
  const problem = (field: string, expected: string, got: unknown) =>
    new Error(`${source}: the ${field} must be ${expected}, got ${JSON.stringify(got)}`);
  if (typeof configuration !== 'string')
    throw problem('configuration', 'a name such as "3d_fullres"', configuration);
  if (typeof classes !== 'number' || !Number.isInteger(classes) || classes < 2 || classes > 256) {
    throw problem('classes', 'an integer 2..256 (background included)', classes);
  }
  if (typeof plan !== 'object' || plan === null) throw problem('plan', 'a configuration plan', plan);
  const { dim, patchSize, spacing, normalization, resampling } = plan as Record<string, unknown>;
  if (dim !== 2 && dim !== 3) throw problem("plan's dim", '2 or 3', dim);
  const numbers = (v: unknown, ok: (n: number) => boolean) =>
    Array.isArray(v) && v.length === dim && v.every((n) => typeof n === 'number' && ok(n));
  if (!numbers(patchSize, (n) => Number.isInteger(n) && n >= 1)) {
    throw problem("plan's patchSize", `${dim} positive integers`, patchSize);
  }
  if (!numbers(spacing, (n) => Number.isFinite(n) && n > 0)) {
    throw problem("plan's spacing", `${dim} positive numbers`, spacing);
  }
  if (!Array.isArray(normalization) || !normalization.every((n) => typeof n?.scheme === 'string')) {
    throw problem("plan's normalization", 'a list of { scheme, ... } (one per channel)', normalization);
  }
  const settings = resampling as Record<string, unknown> | undefined;
  if (
    !['image', 'label', 'probabilities'].every(
      (k) => typeof settings?.[k] === 'object' && settings[k] !== null,
    )
  ) {
    throw problem("plan's resampling", '{ image, label, probabilities } settings', resampling);
  }
  return modelPlan as ModelPlan;
}
