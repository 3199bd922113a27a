import type { ConfigurationPlan } from '@nnunet-ts/preprocessing';

/**
 * Reads and checks the plan that unet-model's `saveUNet` stores in `model.json`
 * (`userDefinedMetadata.nnunetTs.plan`): the configuration of packages/preprocessing's plans that the
 * model was trained with. `source` names the model in errors. Only what inference uses is checked:
 * `dim`, `patchSize`, `spacing`, `normalization` and `resampling`.
 */
export function readModelPlan(metadata: unknown, source: string): ConfigurationPlan {
  const plan = (metadata as { nnunetTs?: { plan?: unknown } } | undefined)?.nnunetTs?.plan;
  if (typeof plan !== 'object' || plan === null) {
    throw new Error(`${source}: no nnunet-ts plan in the model's metadata (was it saved by saveUNet?)`);
  }
  const { dim, patchSize, spacing, normalization, resampling } = plan as Record<string, unknown>;
  const problem = (field: string, expected: string, got: unknown) =>
    new Error(`${source}: the plan's ${field} must be ${expected}, got ${JSON.stringify(got)}`);
  if (dim !== 2 && dim !== 3) throw problem('dim', '2 or 3', dim);
  const numbers = (v: unknown, ok: (n: number) => boolean) =>
    Array.isArray(v) && v.length === dim && v.every((n) => typeof n === 'number' && ok(n));
  if (!numbers(patchSize, (n) => Number.isInteger(n) && n >= 1)) {
    throw problem('patchSize', `${dim} positive integers`, patchSize);
  }
  if (!numbers(spacing, (n) => Number.isFinite(n) && n > 0)) {
    throw problem('spacing', `${dim} positive numbers`, spacing);
  }
  if (!Array.isArray(normalization) || !normalization.every((n) => typeof n?.scheme === 'string')) {
    throw problem('normalization', 'a list of { scheme, ... } (one per channel)', normalization);
  }
  const settings = resampling as Record<string, unknown> | undefined;
  if (
    !['image', 'label', 'probabilities'].every(
      (k) => typeof settings?.[k] === 'object' && settings[k] !== null,
    )
  ) {
    throw problem('resampling', '{ image, label, probabilities } settings', resampling);
  }
  return plan as ConfigurationPlan;
}
