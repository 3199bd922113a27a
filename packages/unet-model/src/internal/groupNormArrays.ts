/**
 * Group normalisation of a channels-last array `[N, S, C]` (S spatial voxels) on typed arrays:
 * statistics per sample and group of C/G channels, in float64. The fallback of groupNorm where the
 * backend has no GroupNorm kernel (@nnunet-ts/kernels-native's, same contract): it replaces a dozen
 * broadcasting tensor ops whose tfjs kernels are slow on large volumes.
 */
export interface GroupNormForward {
  y: Float32Array;
  /** mean per sample and group, `[N, G]` */
  mean: Float32Array;
  /** 1/sqrt(var + ε) per sample and group, `[N, G]` */
  invStd: Float32Array;
}

export function groupNormForward(
  x: ArrayLike<number>,
  gamma: ArrayLike<number>,
  beta: ArrayLike<number>,
  batch: number,
  channels: number,
  groups: number,
  epsilon: number,
): GroupNormForward {
  const spatial = x.length / (batch * channels);
  const perGroup = channels / groups;
  const count = spatial * perGroup;
  const y = new Float32Array(x.length);
  const mean = new Float32Array(batch * groups);
  const invStd = new Float32Array(batch * groups);
  const groupOf = groupIndex(channels, perGroup);
  const sums = new Float64Array(groups);
  const squares = new Float64Array(groups);
  for (let n = 0; n < batch; n++) {
    const base = n * spatial * channels;
    const end = base + spatial * channels;
    sums.fill(0);
    squares.fill(0);
    for (let i = base; i < end;) {
      for (let c = 0; c < channels; c++, i++) {
        const v = x[i]!;
        sums[groupOf[c]!]! += v;
        squares[groupOf[c]!]! += v * v;
      }
    }
    for (let g = 0; g < groups; g++) {
      const mu = sums[g]! / count;
      mean[n * groups + g] = mu;
      invStd[n * groups + g] = 1 / Math.sqrt(Math.max(0, squares[g]! / count - mu * mu) + epsilon);
    }
    for (let i = base; i < end;) {
      for (let c = 0; c < channels; c++, i++) {
        const g = n * groups + groupOf[c]!;
        y[i] = (x[i]! - mean[g]!) * invStd[g]! * gamma[c]! + beta[c]!;
      }
    }
  }
  return { y, mean, invStd };
}

export interface GroupNormGradients {
  dx: Float32Array;
  dgamma: Float32Array;
  dbeta: Float32Array;
}

/**
 * Gradients of group normalisation, with x̂ = (x − mean)·invStd: dβ = Σ dy, dγ = Σ dy·x̂, and per
 * sample and group dx = invStd/M · (M·g − Σg − x̂·Σ(g·x̂)) with g = dy·γ and M voxels × channels
 * in the group.
 */
export function groupNormBackward(
  dy: ArrayLike<number>,
  x: ArrayLike<number>,
  gamma: ArrayLike<number>,
  mean: ArrayLike<number>,
  invStd: ArrayLike<number>,
  batch: number,
  channels: number,
  groups: number,
): GroupNormGradients {
  const spatial = dy.length / (batch * channels);
  const perGroup = channels / groups;
  const count = spatial * perGroup;
  const dx = new Float32Array(dy.length);
  const dgamma = new Float64Array(channels);
  const dbeta = new Float64Array(channels);
  const groupOf = groupIndex(channels, perGroup);
  const sumG = new Float64Array(groups);
  const sumGX = new Float64Array(groups);
  for (let n = 0; n < batch; n++) {
    const base = n * spatial * channels;
    const end = base + spatial * channels;
    sumG.fill(0);
    sumGX.fill(0);
    for (let i = base; i < end;) {
      for (let c = 0; c < channels; c++, i++) {
        const g = n * groups + groupOf[c]!;
        const d = dy[i]!;
        const h = (x[i]! - mean[g]!) * invStd[g]!;
        dbeta[c]! += d;
        dgamma[c]! += d * h;
        const scaled = d * gamma[c]!;
        sumG[groupOf[c]!]! += scaled;
        sumGX[groupOf[c]!]! += scaled * h;
      }
    }
    for (let i = base; i < end;) {
      for (let c = 0; c < channels; c++, i++) {
        const g = n * groups + groupOf[c]!;
        const h = (x[i]! - mean[g]!) * invStd[g]!;
        const factor = invStd[g]! / count;
        dx[i] = factor * (count * dy[i]! * gamma[c]! - sumG[groupOf[c]!]! - h * sumGX[groupOf[c]!]!);
      }
    }
  }
  return { dx, dgamma: Float32Array.from(dgamma), dbeta: Float32Array.from(dbeta) };
}

function groupIndex(channels: number, perGroup: number): Int32Array {
  return Int32Array.from({ length: channels }, (_, c) => Math.floor(c / perGroup));
}
