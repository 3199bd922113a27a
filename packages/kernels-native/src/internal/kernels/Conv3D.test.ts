import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { loadNativeAddon } from '../nativeAddon';
import { CASES_3D, describeProblem, tfjsShapes, THREADING_CASE_3D } from '../testing/convCases';
import { randomValues, relativeError, runKernel, testableIsas, withIsa } from '../testing/kernelHarness';
import { filterSize, inputSize, referenceConv } from '../testing/referenceConv';
import type { ConvProblem } from '../testing/referenceConv';
import { conv3DConfig } from './Conv3D';

type Shape5 = [number, number, number, number, number];

tf.env().set('IS_TEST', true);
const addon = loadNativeAddon();

describe.skipIf(!addon)('Conv3D native kernel', () => {
  const config = conv3DConfig(addon!);
  const run = (p: ConvProblem, x: Float32Array, w: Float32Array) => {
    const s = tfjsShapes(p, 3);
    const attrs = { strides: s.strides, pad: p.padding, dataFormat: 'NDHWC', dilations: [1, 1, 1] };
    const out = runKernel(
      config,
      { x: { shape: s.x, values: x }, filter: { shape: s.filter, values: w } },
      attrs,
    );
    expect(out.shape).toEqual(s.y);
    return out.values;
  };

  for (const isa of testableIsas(addon!)) {
    it(`matches the brute-force reference over the shape grid (${isa})`, () => {
      withIsa(addon!, isa, () => {
        CASES_3D.forEach((p, i) => {
          const x = randomValues(inputSize(p), 10 + i);
          const w = randomValues(filterSize(p), 20 + i);
          expect(relativeError(run(p, x, w), referenceConv(p, x, w)), describeProblem(p)).toBeLessThan(1e-4);
        });
      });
    });
  }

  it("matches tfjs's own cpu conv3d", () => {
    for (const p of CASES_3D.slice(0, 4)) {
      const s = tfjsShapes(p, 3);
      const x = randomValues(inputSize(p), 1);
      const w = randomValues(filterSize(p), 2);
      const expected = tf.tidy(() =>
        tf
          .conv3d(tf.tensor5d(x, s.x as Shape5), tf.tensor5d(w, s.filter as Shape5), p.strides, p.padding)
          .dataSync(),
      );
      expect(relativeError(run(p, x, w), expected), describeProblem(p)).toBeLessThan(1e-4);
    }
  });

  it('gives bit-identical results on 1, 2 and 3 threads', () => {
    const p = THREADING_CASE_3D;
    const x = randomValues(inputSize(p), 3);
    const w = randomValues(filterSize(p), 4);
    const threads = addon!.status().threads;
    try {
      addon!.setThreads(1);
      const one = run(p, x, w);
      for (const n of [2, 3]) {
        addon!.setThreads(n);
        expect(run(p, x, w), `${n} threads`).toEqual(one);
      }
    } finally {
      addon!.setThreads(threads);
    }
  });
});
