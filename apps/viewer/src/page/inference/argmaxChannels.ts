/**
 * The index of the largest of each voxel's `channels` values in channels-last logits (the first on
 * ties), as a label map. Up to 256 classes fit the uint8 result.
 */
export function argmaxChannels(logits: Float32Array, channels: number): Uint8Array {
  if (!Number.isInteger(channels) || channels < 1 || channels > 256) {
    throw new RangeError(`argmaxChannels: channels must be 1..256, got ${channels}`);
  }
  if (logits.length % channels !== 0) {
    throw new RangeError(
      `argmaxChannels: ${logits.length} values are not a whole number of ${channels}-channel voxels`,
    );
  }
  const labels = new Uint8Array(logits.length / channels);
  for (let v = 0; v < labels.length; v++) {
    const base = v * channels;
    let best = 0;
    for (let c = 1; c < channels; c++) if (logits[base + c]! > logits[base + best]!) best = c;
    labels[v] = best;
  }
  return labels;
}
