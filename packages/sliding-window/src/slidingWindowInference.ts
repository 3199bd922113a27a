import { gaussianImportanceMap } from './gaussianImportanceMap';
import { windowStarts } from './windowGrid';
import { accumulateWindow, readWindow } from './internal/ChannelsLastBlock';
import { flipBlock, mirrorCombinations } from './internal/flipBlock';

/**
 * Predicts a batch of windows: `windows` is `[count, ...patch, inChannels]` channels-last, the
 * result `[count, ...patch, outChannels]`. The buffer is reused for the next batch once the
 * returned promise settles.
 */
export type WindowPredictor = (windows: Float32Array, count: number) => Promise<Float32Array> | Float32Array;

export interface SlidingWindowOptions {
  /** spatial patch size; one axis fewer than the volume for a 2D model run slice by slice */
  patchSize: readonly number[];
  inChannels: number;
  outChannels: number;
  /** fraction of a patch that neighbouring windows share (default 0.5, nnU-Net v2; the seed's code uses 0.25) */
  overlap?: number;
  /** `gaussian` (default, σ = patch/8) or `constant` weights when windows overlap */
  blend?: 'gaussian' | 'constant';
  /** windows per predictor call (`--sw-batch-size`, default 2) */
  batchSize?: number;
  /** mirror test-time augmentation: every flip combination of the in-plane/spatial axes, averaged */
  tta?: boolean;
  onProgress?: (windowsDone: number, windowsTotal: number) => void;
}

/**
 * Blended sliding-window prediction of a channels-last volume `[...shape, inChannels]`
 * (row-major, e.g. `[D, H, W, C]`). Returns `[...shape, outChannels]`: the weighted average of the
 * window predictions (logits in, logits out), accumulated in float32 with one weight sum per voxel
 * that starts at zero. Axes shorter than the patch are padded with zeros around the volume.
 */
export async function slidingWindowInference(
  volume: Float32Array,
  shape: readonly number[],
  predict: WindowPredictor,
  options: SlidingWindowOptions,
): Promise<Float32Array> {
  const { inChannels, outChannels, overlap = 0.5, blend = 'gaussian', batchSize = 2, tta = false } = options;
  const sliceBySlice = options.patchSize.length === shape.length - 1;
  if (!sliceBySlice && options.patchSize.length !== shape.length) {
    throw new Error(
      `patch [${options.patchSize.join(', ')}] must have as many axes as the volume [${shape.join(', ')}], or one fewer for a 2D model`,
    );
  }
  const voxels = shape.reduce((a, b) => a * b, 1);
  if (volume.length !== voxels * inChannels) {
    throw new Error(
      `volume holds ${volume.length} values, expected ${voxels * inChannels} for shape [${shape.join(', ')}] × ${inChannels} channels`,
    );
  }
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`batch size must be ≥ 1, got ${batchSize}`);
  // A 2D model sees windows of one slice: the slice axis has patch 1 and visits every slice.
  const patch = sliceBySlice ? [1, ...options.patchSize] : [...options.patchSize];
  const perAxis = shape.map((size, axis) => {
    if (sliceBySlice && axis === 0) return Array.from({ length: size }, (_, i) => i);
    const p = patch[axis]!;
    return size < p ? [-Math.floor((p - size) / 2)] : windowStarts(size, p, overlap);
  });
  const starts = perAxis.reduce<number[][]>(
    (grid, s) => grid.flatMap((prefix) => s.map((v) => [...prefix, v])),
    [[]],
  );

  const patchVoxels = patch.reduce((a, b) => a * b, 1);
  const weights = blend === 'gaussian' ? gaussianImportanceMap(patch) : new Float32Array(patchVoxels).fill(1);
  const mirrors = tta
    ? mirrorCombinations(options.patchSize.length).map((axes) => axes.map((a) => a + (sliceBySlice ? 1 : 0)))
    : [];
  const sum = new Float32Array(voxels * outChannels);
  const weightSum = new Float32Array(voxels);
  const inputs = new Float32Array(batchSize * patchVoxels * inChannels);
  const flippedInputs = tta ? new Float32Array(inputs.length) : inputs;
  const flippedOutputs = tta ? new Float32Array(batchSize * patchVoxels * outChannels) : inputs;

  const predictChecked = async (windows: Float32Array, count: number) => {
    const out = await predict(windows, count);
    if (out.length !== count * patchVoxels * outChannels) {
      throw new Error(
        `the predictor returned ${out.length} values for ${count} windows, expected ${count * patchVoxels * outChannels} (${outChannels} channels)`,
      );
    }
    return out;
  };

  for (let first = 0; first < starts.length; first += batchSize) {
    const batch = starts.slice(first, first + batchSize);
    batch.forEach((start, n) =>
      readWindow(
        volume,
        shape,
        inChannels,
        patch,
        start,
        inputs.subarray(n * patchVoxels * inChannels, (n + 1) * patchVoxels * inChannels),
      ),
    );
    const count = batch.length;
    const prediction = Float32Array.from(
      await predictChecked(inputs.subarray(0, count * patchVoxels * inChannels), count),
    );
    for (const axes of mirrors) {
      flipBlock(inputs, count, patch, inChannels, axes, flippedInputs);
      const mirrored = await predictChecked(
        flippedInputs.subarray(0, count * patchVoxels * inChannels),
        count,
      );
      flipBlock(mirrored, count, patch, outChannels, axes, flippedOutputs);
      for (let i = 0; i < prediction.length; i++) prediction[i]! += flippedOutputs[i]!;
    }
    if (mirrors.length) {
      const scale = 1 / (mirrors.length + 1);
      for (let i = 0; i < prediction.length; i++) prediction[i]! *= scale;
    }
    batch.forEach((start, n) =>
      accumulateWindow(
        sum,
        weightSum,
        shape,
        outChannels,
        patch,
        start,
        prediction.subarray(n * patchVoxels * outChannels, (n + 1) * patchVoxels * outChannels),
        weights,
      ),
    );
    options.onProgress?.(Math.min(first + batchSize, starts.length), starts.length);
  }
  for (let v = 0; v < voxels; v++) {
    const w = weightSum[v]!;
    for (let k = 0; k < outChannels; k++) sum[v * outChannels + k]! /= w;
  }
  return sum;
}
