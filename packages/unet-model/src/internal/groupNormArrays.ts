/**
 * Group normalisation of a channels-last array `[N, S, C]` (S spatial voxels) on typed arrays:
 * statistics per sample and group of C/G channels, in float64. These loops replace a dozen
 * broadcasting tensor ops whose tfjs cpu kernels are slow on large volumes.
 */
export interface GroupNormForward {
  y: Float32Array;
  /** the normalised input before scale and offset */
  xhat: Float32Array;
  /** 1/sqrt(var + ε) per sample and group, `[N, G]` */
  invStd: Float64Array;
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
  const xhat = new Float32Array(x.length);
  const invStd = new Float64Array(batch * groups);
  const groupOf = groupIndex(channels, perGroup);
  const sums = new Float64Array(groups);
  const squares = new Float64Array(groups);
  const means = new Float64Array(groups);
  for (let n = 0; n < batch; n++) {
    const base = n * spatial * channels;
    const end = base + spatial * channels;
    sums.fill(0);
    for (let i = base; i < end;) for (let c = 0; c < channels; c++, i++) sums[groupOf[c]!]! += x[i]!;
    for (let g = 0; g < groups; g++) means[g] = sums[g]! / count;
    squares.fill(0);
    for (let i = base; i < end;) {
      for (let c = 0; c < channels; c++, i++) {
        const d = x[i]! - means[groupOf[c]!]!;
        squares[groupOf[c]!]! += d * d;
      }
    }
    for (let g = 0; g < groups; g++) invStd[n * groups + g] = 1 / Math.sqrt(squares[g]! / count + epsilon);
    for (let i = base; i < end;) {
      for (let c = 0; c < channels; c++, i++) {
        const g = groupOf[c]!;
        const normalised = (x[i]! - means[g]!) * invStd[n * groups + g]!;
        xhat[i] = normalised;
        y[i] = normalised * gamma[c]! + beta[c]!;
      }
    }
  }
  return { y, xhat, invStd };
}

export interface GroupNormGradients {
  dx: Float32Array;
  dgamma: Float32Array;
  dbeta: Float32Array;
}

/**
 * Gradients of group normalisation: dβ = Σ dy, dγ = Σ dy·x̂, and per sample and group
 * dx = inv/M · (M·g − Σg − x̂·Σ(g·x̂)) with g = dy·γ and M voxels × channels in the group.
 */
export function groupNormBackward(
  dy: ArrayLike<number>,
  forward: Pick<GroupNormForward, 'xhat' | 'invStd'>,
  gamma: ArrayLike<number>,
  batch: number,
  channels: number,
  groups: number,
): GroupNormGradients {
  const { xhat, invStd } = forward;
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
        const d = dy[i]!;
        const h = xhat[i]!;
        dbeta[c]! += d;
        dgamma[c]! += d * h;
        const scaled = d * gamma[c]!;
        sumG[groupOf[c]!]! += scaled;
        sumGX[groupOf[c]!]! += scaled * h;
      }
    }
    for (let i = base; i < end;) {
      for (let c = 0; c < channels; c++, i++) {
        const g = groupOf[c]!;
        const factor = invStd[n * groups + g]! / count;
        dx[i] = factor * (count * dy[i]! * gamma[c]! - sumG[g]! - xhat[i]! * sumGX[g]!);
      }
    }
  }
  return { dx, dgamma: Float32Array.from(dgamma), dbeta: Float32Array.from(dbeta) };
}

function groupIndex(channels: number, perGroup: number): Int32Array {
  return Int32Array.from({ length: channels }, (_, c) => Math.floor(c / perGroup));
}
