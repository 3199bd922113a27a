import { createHash } from 'node:crypto';
import type { ConfigurationPlan } from './Plans';

/** A short hash of a configuration plan: stored with each case so that a changed plan redoes the case. */
export function configurationHash(plan: ConfigurationPlan): string {
  return createHash('sha256').update(stableJson(plan)).digest('hex').slice(0, 16);
}

/** JSON with object keys sorted, so that equal plans hash equally whatever their key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
