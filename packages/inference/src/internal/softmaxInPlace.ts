/** Softmax over the last axis of channels-last logits, in place (max subtracted first, for range). */
export function softmaxInPlace(values: Float32Array, channels: number): void {
  for (let v = 0; v < values.length; v += channels) {
    let max = -Infinity;
    for (let c = 0; c < channels; c++) max = Math.max(max, values[v + c]!);
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += values[v + c] = Math.exp(values[v + c]! - max);
    for (let c = 0; c < channels; c++) values[v + c]! /= sum;
  }
}
