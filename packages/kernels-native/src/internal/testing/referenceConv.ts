/**
 * Slow, obvious convolutions for tests: one loop nest over the definition, float64 sums, and
 * TensorFlow's `same`/`valid` geometry computed here independently of tfjs. 2D is depth 1.
 * Layouts as tfjs: x [N, D, H, W, C], filter [kD, kH, kW, C, K], y [N, oD, oH, oW, K].
 */
export interface ConvProblem {
  batch: number;
  /** input depth, height, width, channels */
  input: [number, number, number, number];
  /** filter depth, height, width */
  kernel: [number, number, number];
  outChannels: number;
  strides: [number, number, number];
  padding: 'same' | 'valid';
}

export interface ReferenceGeometry {
  out: [number, number, number];
  /** padding before the first element: front, top, left */
  pad: [number, number, number];
}

export function referenceGeometry(p: ConvProblem): ReferenceGeometry {
  const out: number[] = [];
  const pad: number[] = [];
  for (let a = 0; a < 3; a++) {
    const size = p.input[a]!;
    const k = p.kernel[a]!;
    const s = p.strides[a]!;
    if (p.padding === 'valid') {
      out.push(Math.ceil((size - k + 1) / s));
      pad.push(0);
    } else {
      const o = Math.ceil(size / s);
      out.push(o);
      pad.push(Math.floor(Math.max((o - 1) * s + k - size, 0) / 2));
    }
  }
  return { out: out as [number, number, number], pad: pad as [number, number, number] };
}

/** Visits every (input element, filter element, output element) triple the convolution multiplies. */
function forEachProduct(p: ConvProblem, visit: (xi: number, wi: number, yi: number) => void): void {
  const [D, H, W, C] = p.input;
  const [kD, kH, kW] = p.kernel;
  const K = p.outChannels;
  const { out, pad } = referenceGeometry(p);
  const [oD, oH, oW] = out;
  for (let n = 0; n < p.batch; n++)
    for (let od = 0; od < oD; od++)
      for (let oh = 0; oh < oH; oh++)
        for (let ow = 0; ow < oW; ow++)
          for (let kd = 0; kd < kD; kd++)
            for (let kh = 0; kh < kH; kh++)
              for (let kw = 0; kw < kW; kw++) {
                const id = od * p.strides[0] - pad[0] + kd;
                const ih = oh * p.strides[1] - pad[1] + kh;
                const iw = ow * p.strides[2] - pad[2] + kw;
                if (id < 0 || id >= D || ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                for (let c = 0; c < C; c++)
                  for (let k = 0; k < K; k++) {
                    visit(
                      (((n * D + id) * H + ih) * W + iw) * C + c,
                      (((kd * kH + kh) * kW + kw) * C + c) * K + k,
                      (((n * oD + od) * oH + oh) * oW + ow) * K + k,
                    );
                  }
              }
}

export function inputSize(p: ConvProblem): number {
  return p.batch * p.input.reduce((a, b) => a * b, 1);
}

export function filterSize(p: ConvProblem): number {
  return p.kernel.reduce((a, b) => a * b, 1) * p.input[3] * p.outChannels;
}

export function outputSize(p: ConvProblem): number {
  return p.batch * referenceGeometry(p).out.reduce((a, b) => a * b, 1) * p.outChannels;
}

export function referenceConv(p: ConvProblem, x: Float32Array, w: Float32Array): Float64Array {
  const y = new Float64Array(outputSize(p));
  forEachProduct(p, (xi, wi, yi) => (y[yi]! += x[xi]! * w[wi]!));
  return y;
}

/** Gradient w.r.t. x, as the transpose: every product scatters dy * w back to its input element. */
export function referenceConvBackpropInput(p: ConvProblem, dy: Float32Array, w: Float32Array): Float64Array {
  const dx = new Float64Array(inputSize(p));
  forEachProduct(p, (xi, wi, yi) => (dx[xi]! += dy[yi]! * w[wi]!));
  return dx;
}

export function referenceConvBackpropFilter(p: ConvProblem, x: Float32Array, dy: Float32Array): Float64Array {
  const dw = new Float64Array(filterSize(p));
  forEachProduct(p, (xi, wi, yi) => (dw[wi]! += x[xi]! * dy[yi]!));
  return dw;
}
