import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { loadNativeAddon } from '../nativeAddon';
import { CASES_3D, describeProblem, tfjsShapes, THREADING_CASE_3D } from '../testing/convCases';
import { randomValues, relativeError, runKernel, testableIsas, withIsa } from '../testing/kernelHarness';
import { filterSize, outputSize, referenceConvBackpropInput } from '../testing/referenceConv';
import type { ConvProblem } from '../testing/referenceConv';
import { conv3DBackpropInputV2Config } from './Conv3DBackpropInputV2';

type Shape5 = [number, number, number, number, number];

tf.env().set('IS_TEST', true);
const addon = loadNativeAddon();

describe.skipIf(!addon)('Conv3DBackpropInputV2 native kernel', () => {
  const config = conv3DBackpropInputV2Config(addon!);
  const run = (p: ConvProblem, dy: Float32Array, w: Float32Array) => {
    const s = tfjsShapes(p, 3);
    const attrs = { strides: s.strides, pad: p.padding, inputShape: s.x };
    const out = runKernel(
      config,
      { dy: { shape: s.y, values: dy }, filter: { shape: s.filter, values: w } },
      attrs,
    );
    expect(out.shape).toEqual(s.x);
    return out.values;
  };

  for (const isa of testableIsas(addon!)) {
    it(`matches the brute-force reference over the shape grid (${isa})`, () => {
      withIsa(addon!, isa, () => {
        CASES_3D.forEach((p, i) => {
          const dy = randomValues(outputSize(p), 30 + i);
          const w = randomValues(filterSize(p), 40 + i);
          const expected = referenceConvBackpropInput(p, dy, w);
          expect(relativeError(run(p, dy, w), expected), describeProblem(p)).toBeLessThan(1e-4);
        });
      });
    });
  }

  it("matches tfjs's own cpu kernel (the gradient of conv3d w.r.t. x)", () => {
    for (const p of CASES_3D.slice(0, 4)) {
      const s = tfjsShapes(p, 3);
      const dy = randomValues(outputSize(p), 5);
      const w = randomValues(filterSize(p), 6);
      const expected = tf.tidy(() => {
        const filter = tf.tensor5d(w, s.filter as Shape5);
        const loss = (x: tf.Tensor) =>
          tf
            .conv3d(x as tf.Tensor5D, filter, p.strides, p.padding)
            .mul(tf.tensor(dy, s.y))
            .sum();
        return tf.grad(loss)(tf.zeros(s.x)).dataSync();
      });
      expect(relativeError(run(p, dy, w), expected), describeProblem(p)).toBeLessThan(1e-4);
    }
  });

  it('gives bit-identical results on 1, 2 and 3 threads', () => {
    const p = THREADING_CASE_3D;
    const dy = randomValues(outputSize(p), 7);
    const w = randomValues(filterSize(p), 8);
    const threads = addon!.status().threads;
    try {
      addon!.setThreads(1);
      const one = run(p, dy, w);
      for (const n of [2, 3]) {
        addon!.setThreads(n);
        expect(run(p, dy, w), `${n} threads`).toEqual(one);
      }
    } finally {
      addon!.setThreads(threads);
    }
  });
});
