/** Minimum, maximum, mean and population standard deviation of one channel (or all, `channel` = -1). */
export interface Stats {
  min: number;
  max: number;
  mean: number;
  std: number;
}

/** Statistics of channel `channel` of channels-last data with `channels` channels; -1 takes every value. */
export function channelStats(image: Float32Array | Float64Array, channels: number, channel: number): Stats {
  const step = channel < 0 ? 1 : channels;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let n = 0;
  for (let i = channel < 0 ? 0 : channel; i < image.length; i += step, n++) {
    const v = image[i];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  const mean = sum / n;
  // Two passes: the one-pass formula loses precision when |mean| >> std.
  let sq = 0;
  for (let i = channel < 0 ? 0 : channel; i < image.length; i += step) sq += (image[i] - mean) ** 2;
  return { min, max, mean, std: Math.sqrt(sq / n) };
}
