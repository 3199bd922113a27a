/**
 * Copies between a channels-last volume `[...shape, channels]` (row-major) and a window-sized
 * block `[...patch, channels]`: contiguous runs along the last spatial axis are copied at once.
 * Parts of the window outside the volume are skipped (reads leave zeros, writes are dropped).
 */
export function forEachWindowRun(
  shape: readonly number[],
  patch: readonly number[],
  start: readonly number[],
  visit: (volumeOffset: number, blockOffset: number, length: number) => void,
): void {
  const rank = shape.length;
  const last = rank - 1;
  const runStart = Math.max(0, start[last]!);
  const runEnd = Math.min(shape[last]!, start[last]! + patch[last]!);
  if (runEnd <= runStart) return;
  const length = runEnd - runStart;
  const position = new Array<number>(rank - 1).fill(0);
  for (;;) {
    let inside = true;
    let volumeOffset = 0;
    let blockOffset = 0;
    for (let axis = 0; axis < rank - 1; axis++) {
      const coordinate = start[axis]! + position[axis]!;
      if (coordinate < 0 || coordinate >= shape[axis]!) inside = false;
      volumeOffset = volumeOffset * shape[axis]! + coordinate;
      blockOffset = blockOffset * patch[axis]! + position[axis]!;
    }
    if (inside) {
      visit(
        volumeOffset * shape[last]! + runStart,
        blockOffset * patch[last]! + (runStart - start[last]!),
        length,
      );
    }
    let axis = rank - 2;
    while (axis >= 0 && ++position[axis]! === patch[axis]!) position[axis--] = 0;
    if (axis < 0) return;
  }
}

/** Reads the window at `start` from `volume` into `block` (channels-last, `channels` per voxel). */
export function readWindow(
  volume: Float32Array,
  shape: readonly number[],
  channels: number,
  patch: readonly number[],
  start: readonly number[],
  block: Float32Array,
): void {
  block.fill(0);
  forEachWindowRun(shape, patch, start, (volumeOffset, blockOffset, length) => {
    block.set(
      volume.subarray(volumeOffset * channels, (volumeOffset + length) * channels),
      blockOffset * channels,
    );
  });
}

/**
 * Adds `weights[v] · block[v, k]` into `sum` and `weights[v]` into `weightSum` for the window at
 * `start`: the accumulation step of blending.
 */
export function accumulateWindow(
  sum: Float32Array,
  weightSum: Float32Array,
  shape: readonly number[],
  channels: number,
  patch: readonly number[],
  start: readonly number[],
  block: Float32Array,
  weights: Float32Array,
): void {
  forEachWindowRun(shape, patch, start, (volumeOffset, blockOffset, length) => {
    for (let i = 0; i < length; i++) {
      const w = weights[blockOffset + i]!;
      weightSum[volumeOffset + i]! += w;
      const target = (volumeOffset + i) * channels;
      const source = (blockOffset + i) * channels;
      for (let k = 0; k < channels; k++) sum[target + k]! += w * block[source + k]!;
    }
  });
}
