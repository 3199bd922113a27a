import type { ChannelNormalization } from '@nnunet-ts/plans';

/** Smallest standard deviation divided by, so a constant image does not produce infinities (nnU-Net: 1e-8). */
const MIN_STD = 1e-8;

/** Normalizes one channel in place. */
export function normalizeChannel(values: Float32Array, normalization: ChannelNormalization): void {
  switch (normalization.scheme) {
    case 'none':
      return;
    case 'ct': {
      const [lo, hi] = normalization.clip;
      const mean = normalization.mean;
      const scale = 1 / Math.max(normalization.std, MIN_STD);
      for (let i = 0; i < values.length; i++) {
        const v = values[i] < lo ? lo : values[i] > hi ? hi : values[i];
        values[i] = (v - mean) * scale;
      }
      return;
    }
    case 'zscore': {
      const masked = normalization.nonzeroMask;
      let n = 0;
      let sum = 0;
      for (let i = 0; i < values.length; i++) {
        if (masked && values[i] === 0) continue;
        n++;
        sum += values[i];
      }
      if (n === 0) return;
      const mean = sum / n;
      let squares = 0;
      for (let i = 0; i < values.length; i++) {
        if (masked && values[i] === 0) continue;
        squares += (values[i] - mean) ** 2;
      }
      const scale = 1 / Math.max(Math.sqrt(squares / n), MIN_STD);
      for (let i = 0; i < values.length; i++) {
        if (masked && values[i] === 0) continue;
        values[i] = (values[i] - mean) * scale;
      }
      return;
    }
    default:
      throw new Error(
        `unknown normalization scheme ${JSON.stringify((normalization as { scheme: unknown }).scheme)}`,
      );
  }
}
