/** Filters of stage i: 32·2^i, capped at 320 in 3D and 512 in 2D (both anchors use this). */
export function stageFilters(stages: number, dim: number, baseFilters = 32): number[] {
  const cap = dim === 3 ? 320 : 512;
  return Array.from({ length: stages }, (_, i) => Math.min(baseFilters * 2 ** i, cap));
}
