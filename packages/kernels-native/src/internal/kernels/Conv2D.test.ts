import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { loadNativeAddon } from '../nativeAddon';
import { CASES_2D, describeProblem, tfjsShapes, THREADING_CASE_2D } from '../testing/convCases';
import { randomValues, relativeError, runKernel, testableIsas, withIsa } from '../testing/kernelHarness';
import { filterSize, inputSize, referenceConv } from '../testing/referenceConv';
import type { ConvProblem } from '../testing/referenceConv';
import { conv2DConfig } from './Conv2D';

type Shape4 = [number, number, number, number];

tf.env().set('IS_TEST', true);
const addon = loadNativeAddon();

describe.skipIf(!addon)('Conv2D native kernel', () => {
  const config = conv2DConfig(addon!);
  const run = (p: ConvProblem, x: Float32Array, w: Float32Array) => {
    const s = tfjsShapes(p, 2);
    const attrs = { strides: s.strides, pad: p.padding, dataFormat: 'NHWC', dilations: [1, 1] };
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
        CASES_2D.forEach((p, i) => {
          const x = randomValues(inputSize(p), 10 + i);
          const w = randomValues(filterSize(p), 20 + i);
          expect(relativeError(run(p, x, w), referenceConv(p, x, w)), describeProblem(p)).toBeLessThan(1e-4);
        });
      });
    });
  }

  it("matches tfjs's own cpu conv2d", () => {
    for (const p of CASES_2D.slice(0, 4)) {
      const s = tfjsShapes(p, 2);
      const x = randomValues(inputSize(p), 1);
      const w = randomValues(filterSize(p), 2);
      const expected = tf.tidy(() =>
        tf
          .conv2d(
            tf.tensor4d(x, s.x as Shape4),
            tf.tensor4d(w, s.filter as Shape4),
            [p.strides[1], p.strides[2]],
            p.padding,
          )
          .dataSync(),
      );
      expect(relativeError(run(p, x, w), expected), describeProblem(p)).toBeLessThan(1e-4);
    }
  });

  it("matches tfjs's own cpu conv2d with explicit and numeric padding", () => {
    const x = randomValues(2 * 9 * 10 * 5, 13);
    const w = randomValues(3 * 2 * 5 * 7, 14);
    const pads: Array<number | [[number, number], [number, number], [number, number], [number, number]]> = [
      [
        [0, 0],
        [1, 2],
        [2, 0],
        [0, 0],
      ],
      1,
    ];
    for (const pad of pads) {
      const attrs = { strides: [2, 1], pad, dataFormat: 'NHWC', dilations: [1, 1] };
      const inputs = { x: { shape: [2, 9, 10, 5], values: x }, filter: { shape: [3, 2, 5, 7], values: w } };
      const actual = runKernel(config, inputs, attrs);
      const expected = tf.tidy(() =>
        tf.conv2d(tf.tensor4d(x, [2, 9, 10, 5]), tf.tensor4d(w, [3, 2, 5, 7]), [2, 1], pad).dataSync(),
      );
      expect(relativeError(actual.values, expected), JSON.stringify(pad)).toBeLessThan(1e-4);
    }
  });

  it('gives bit-identical results on 1, 2 and 3 threads', () => {
    const p = THREADING_CASE_2D;
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
