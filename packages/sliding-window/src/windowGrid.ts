/**
 * Start positions of the windows along one axis: evenly spaced from 0 to `size - patch`, as many
 * as a step of `patch · (1 − overlap)` needs, so the last window ends exactly at the border
 * (nnU-Net v2's rule). An axis no longer than the patch gets one window at 0 (it is padded).
 */
export function windowStarts(size: number, patch: number, overlap: number): number[] {
  if (!(overlap >= 0 && overlap < 1)) throw new Error(`overlap must be in [0, 1), got ${overlap}`);
  if (!Number.isInteger(patch) || patch < 1)
    throw new Error(`patch size must be a positive integer, got ${patch}`);
  if (size <= patch) return [0];
  const targetStep = patch * (1 - overlap);
  // at most one window per position: a step under one voxel would only repeat windows
  const count = Math.min(Math.ceil((size - patch) / targetStep) + 1, size - patch + 1);
  const step = (size - patch) / (count - 1);
  return Array.from({ length: count }, (_, i) => Math.round(i * step));
}

/** Every window's start, one per combination of the per-axis starts (last axis fastest). */
export function windowGrid(shape: readonly number[], patch: readonly number[], overlap: number): number[][] {
  if (shape.length !== patch.length) {
    throw new Error(
      `volume shape [${shape.join(', ')}] and patch [${patch.join(', ')}] must have the same axes`,
    );
  }
  const perAxis = shape.map((size, axis) => windowStarts(size, patch[axis]!, overlap));
  return perAxis.reduce<number[][]>(
    (grid, starts) => grid.flatMap((prefix) => starts.map((s) => [...prefix, s])),
    [[]],
  );
}
