import type { ConfigurationPlan } from './schemas/configurationPlan';

/**
 * What preprocessing does to an image under a plan (dimension, target spacing, normalization and
 * resampling), as a canonical string: plans with equal keys turn an image into the same network
 * input, so their models may share it (a fold ensemble) and a store made with one serves the other.
 * The patch size is not part of it: it only decides how the windows tile that input.
 */
export function preprocessingKey(plan: ConfigurationPlan): string {
  const { dim, spacing, normalization, resampling } = plan;
  return stableJson({ dim, spacing, normalization, resampling });
}

/** JSON with object keys sorted, so that equal plans give equal keys whatever their key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
