import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { loadNativeAddon } from '../nativeAddon';
import { CASES_3D, describeProblem, tfjsShapes, THREADING_CASE_3D } from '../testing/convCases';
import { randomValues, relativeError, runKernel, testableIsas, withIsa } from '../testing/kernelHarness';
import { inputSize, outputSize, referenceConvBackpropFilter } from '../testing/referenceConv';
import type { ConvProblem } from '../testing/referenceConv';
import { conv3DBackpropFilterV2Config } from './Conv3DBackpropFilterV2';

type Shape5 = [number, number, number, number, number];

tf.env().set('IS_TEST', true);
const addon = loadNativeAddon();

describe.skipIf(!addon)('Conv3DBackpropFilterV2 native kernel', () => {
  const config = conv3DBackpropFilterV2Config(addon!);
  const run = (p: ConvProblem, x: Float32Array, dy: Float32Array) => {
    const s = tfjsShapes(p, 3);
    const attrs = { strides: s.strides, pad: p.padding, filterShape: s.filter };
    const out = runKernel(config, { x: { shape: s.x, values: x }, dy: { shape: s.y, values: dy } }, attrs);
    expect(out.shape).toEqual(s.filter);
    return out.values;
  };

  for (const isa of testableIsas(addon!)) {
    it(`matches the brute-force reference over the shape grid (${isa})`, () => {
      withIsa(addon!, isa, () => {
        CASES_3D.forEach((p, i) => {
          const x = randomValues(inputSize(p), 50 + i);
          const dy = randomValues(outputSize(p), 60 + i);
          const expected = referenceConvBackpropFilter(p, x, dy);
          expect(relativeError(run(p, x, dy), expected), describeProblem(p)).toBeLessThan(1e-4);
        });
      });
    });
  }

  it("matches tfjs's own cpu kernel (the gradient of conv3d w.r.t. the filter)", () => {
    for (const p of CASES_3D.slice(0, 4)) {
      const s = tfjsShapes(p, 3);
      const x = randomValues(inputSize(p), 9);
      const dy = randomValues(outputSize(p), 10);
      const expected = tf.tidy(() => {
        const input = tf.tensor5d(x, s.x as Shape5);
        const loss = (w: tf.Tensor) =>
          tf
            .conv3d(input, w as tf.Tensor5D, p.strides, p.padding)
            .mul(tf.tensor(dy, s.y))
            .sum();
        return tf.grad(loss)(tf.zeros(s.filter)).dataSync();
      });
      expect(relativeError(run(p, x, dy), expected), describeProblem(p)).toBeLessThan(1e-4);
    }
  });

  it('gives bit-identical results on 1, 2 and 3 threads', () => {
    const p = THREADING_CASE_3D;
    const x = randomValues(inputSize(p), 11);
    const dy = randomValues(outputSize(p), 12);
    const threads = addon!.status().threads;
    try {
      addon!.setThreads(1);
      const one = run(p, x, dy);
      for (const n of [2, 3]) {
        addon!.setThreads(n);
        expect(run(p, x, dy), `${n} threads`).toEqual(one);
      }
    } finally {
      addon!.setThreads(threads);
    }
  });
});
