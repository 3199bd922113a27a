/**
 * Brute-force float64 3D convolution (channels-last, filter [kd, kh, kw, in, out]), written
 * independently of tfjs and of the kernels under test, including its own padding rule. A 2D
 * convolution is checked as a 3D one with depth 1 (the memory layout is the same).
 */
export interface ReferenceConvSpec {
  inShape: [number, number, number, number, number];
  filterShape: [number, number, number, number, number];
  strides: [number, number, number];
  pad: 'same' | 'valid';
  /** Spacing between filter taps; 1 when absent. */
  dilations?: [number, number, number];
}

export interface ReferenceGeometry {
  outShape: [number, number, number, number, number];
  /** Padding before each spatial axis. */
  padBefore: [number, number, number];
}

const dilation = (spec: ReferenceConvSpec, axis: number): number => spec.dilations?.[axis] ?? 1;

export function referenceGeometry(spec: ReferenceConvSpec): ReferenceGeometry {
  const [n, , , ,] = spec.inShape;
  const out: number[] = [];
  const before: number[] = [];
  for (let axis = 0; axis < 3; axis++) {
    const size = spec.inShape[axis + 1];
    const k = (spec.filterShape[axis] - 1) * dilation(spec, axis) + 1;
    const s = spec.strides[axis];
    if (spec.pad === 'valid') {
      out.push(Math.ceil((size - k + 1) / s));
      before.push(0);
    } else {
      const o = Math.ceil(size / s);
      out.push(o);
      before.push(Math.floor(Math.max((o - 1) * s + k - size, 0) / 2));
    }
  }
  return {
    outShape: [n, out[0], out[1], out[2], spec.filterShape[4]],
    padBefore: [before[0], before[1], before[2]],
  };
}

/** Calls `tap(xIndex, wIndex, yIndex)` for every product term of the convolution. */
function forEachTap(spec: ReferenceConvSpec, tap: (xi: number, wi: number, yi: number) => void): void {
  const [N, D, H, W, C] = spec.inShape;
  const [KD, KH, KW, , CO] = spec.filterShape;
  const { outShape, padBefore } = referenceGeometry(spec);
  const [, OD, OH, OW] = outShape;
  for (let n = 0; n < N; n++)
    for (let od = 0; od < OD; od++)
      for (let oh = 0; oh < OH; oh++)
        for (let ow = 0; ow < OW; ow++)
          for (let kd = 0; kd < KD; kd++)
            for (let kh = 0; kh < KH; kh++)
              for (let kw = 0; kw < KW; kw++) {
                const d = od * spec.strides[0] - padBefore[0] + kd * dilation(spec, 0);
                const h = oh * spec.strides[1] - padBefore[1] + kh * dilation(spec, 1);
                const w = ow * spec.strides[2] - padBefore[2] + kw * dilation(spec, 2);
                if (d < 0 || d >= D || h < 0 || h >= H || w < 0 || w >= W) continue;
                for (let c = 0; c < C; c++)
                  for (let co = 0; co < CO; co++) {
                    tap(
                      (((n * D + d) * H + h) * W + w) * C + c,
                      (((kd * KH + kh) * KW + kw) * C + c) * CO + co,
                      (((n * OD + od) * OH + oh) * OW + ow) * CO + co,
                    );
                  }
              }
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** y = conv(x, w). */
export function referenceConv(
  spec: ReferenceConvSpec,
  x: ArrayLike<number>,
  w: ArrayLike<number>,
): Float64Array {
  const y = new Float64Array(size(referenceGeometry(spec).outShape));
  forEachTap(spec, (xi, wi, yi) => (y[yi] += x[xi] * w[wi]));
  return y;
}

/** dx = convᵀ(dy, w): the input gradient, i.e. the transposed convolution. */
export function referenceConvBackpropInput(
  spec: ReferenceConvSpec,
  dy: ArrayLike<number>,
  w: ArrayLike<number>,
): Float64Array {
  const dx = new Float64Array(size(spec.inShape));
  forEachTap(spec, (xi, wi, yi) => (dx[xi] += dy[yi] * w[wi]));
  return dx;
}

/** dw: the filter gradient. */
export function referenceConvBackpropFilter(
  spec: ReferenceConvSpec,
  x: ArrayLike<number>,
  dy: ArrayLike<number>,
): Float64Array {
  const dw = new Float64Array(size(spec.filterShape));
  forEachTap(spec, (xi, wi, yi) => (dw[wi] += x[xi] * dy[yi]));
  return dw;
}
