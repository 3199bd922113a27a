/** nnU-Net's cap on filters per stage: 320 in 3D, 512 in 2D (both anchors). */
export const MAX_FILTERS = { 2: 512, 3: 320 } as const;

/** nnU-Net's filters of the first stage. */
export const BASE_FILTERS = 32;

/** Filters of stage i: `base`·2^i, capped at `max` (default: `MAX_FILTERS` of the dimension). */
export function stageFilters(
  stages: number,
  dim: 2 | 3,
  { base = BASE_FILTERS, max = MAX_FILTERS[dim] }: { base?: number; max?: number } = {},
): number[] {
  return Array.from({ length: stages }, (_, i) => Math.min(base * 2 ** i, max));
}
