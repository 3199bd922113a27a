import type { ConvProblem } from './referenceConv';
import { referenceGeometry } from './referenceConv';

/**
 * The shape grid the kernels are checked on: odd sizes, channel counts 1, 3, 5, 8, 16, 17, 19, 33
 * (not only multiples of the 8-float vector), strides 1 and 2 per axis, kernels of 1, 2 and 3 per
 * axis including 1x3x3, `same` and `valid` padding, batch 1 to 3.
 */
export const CASES_3D: ConvProblem[] = [
  { batch: 2, input: [5, 6, 7, 3], kernel: [3, 3, 3], outChannels: 5, strides: [1, 1, 1], padding: 'same' },
  { batch: 1, input: [7, 6, 9, 17], kernel: [3, 3, 3], outChannels: 19, strides: [2, 2, 2], padding: 'same' },
  { batch: 2, input: [5, 7, 6, 5], kernel: [1, 3, 3], outChannels: 17, strides: [1, 2, 2], padding: 'valid' },
  { batch: 1, input: [6, 6, 6, 1], kernel: [2, 2, 2], outChannels: 3, strides: [2, 2, 2], padding: 'valid' },
  {
    batch: 1,
    input: [4, 5, 13, 16],
    kernel: [3, 3, 3],
    outChannels: 33,
    strides: [1, 1, 1],
    padding: 'same',
  },
  { batch: 2, input: [3, 4, 5, 3], kernel: [1, 1, 1], outChannels: 1, strides: [1, 1, 1], padding: 'same' },
  { batch: 1, input: [8, 9, 11, 8], kernel: [2, 3, 1], outChannels: 8, strides: [2, 1, 2], padding: 'same' },
  { batch: 2, input: [5, 5, 5, 5], kernel: [3, 3, 3], outChannels: 3, strides: [2, 2, 2], padding: 'valid' },
  { batch: 1, input: [9, 8, 7, 3], kernel: [3, 2, 3], outChannels: 17, strides: [2, 2, 1], padding: 'same' },
  { batch: 2, input: [4, 7, 7, 17], kernel: [2, 2, 2], outChannels: 5, strides: [2, 2, 2], padding: 'same' },
];

/** 2D problems: depth 1, so they run through the same reference. */
export const CASES_2D: ConvProblem[] = [
  { batch: 2, input: [1, 9, 11, 3], kernel: [1, 3, 3], outChannels: 5, strides: [1, 1, 1], padding: 'same' },
  {
    batch: 1,
    input: [1, 12, 10, 17],
    kernel: [1, 3, 3],
    outChannels: 19,
    strides: [1, 2, 2],
    padding: 'same',
  },
  { batch: 2, input: [1, 7, 8, 5], kernel: [1, 2, 2], outChannels: 17, strides: [1, 2, 2], padding: 'valid' },
  { batch: 3, input: [1, 6, 5, 1], kernel: [1, 1, 1], outChannels: 3, strides: [1, 1, 1], padding: 'valid' },
  { batch: 1, input: [1, 13, 9, 8], kernel: [1, 3, 2], outChannels: 16, strides: [1, 1, 2], padding: 'same' },
  { batch: 2, input: [1, 5, 7, 20], kernel: [1, 3, 1], outChannels: 1, strides: [1, 2, 1], padding: 'valid' },
];

/** Big enough that the work is split over many tasks: for the 1-thread versus 2-thread comparison. */
export const THREADING_CASE_3D: ConvProblem = {
  batch: 2,
  input: [6, 9, 14, 20],
  kernel: [3, 3, 3],
  outChannels: 21,
  strides: [1, 1, 1],
  padding: 'same',
};

export const THREADING_CASE_2D: ConvProblem = {
  ...THREADING_CASE_3D,
  input: [1, 19, 23, 20],
  kernel: [1, 3, 3],
};

/** tfjs shapes and strides of a problem, as a 3D (NDHWC) or 2D (NHWC) convolution. */
export function tfjsShapes(
  p: ConvProblem,
  dims: 2 | 3,
): { x: number[]; filter: number[]; y: number[]; strides: number[] } {
  const [D, H, W, C] = p.input;
  const [kD, kH, kW] = p.kernel;
  const [oD, oH, oW] = referenceGeometry(p).out;
  const K = p.outChannels;
  if (dims === 3) {
    return {
      x: [p.batch, D, H, W, C],
      filter: [kD, kH, kW, C, K],
      y: [p.batch, oD, oH, oW, K],
      strides: [...p.strides],
    };
  }
  if (D !== 1 || kD !== 1) throw new Error('a 2D problem has depth 1');
  return {
    x: [p.batch, H, W, C],
    filter: [kH, kW, C, K],
    y: [p.batch, oH, oW, K],
    strides: p.strides.slice(1),
  };
}

export function describeProblem(p: ConvProblem): string {
  return `batch ${p.batch} input ${p.input.join('x')} kernel ${p.kernel.join('x')} -> ${p.outChannels} strides ${p.strides.join('x')} ${p.padding}`;
}
