import { describe, expect, it } from 'vitest';
import { slidingWindowInference, type WindowPredictor } from './slidingWindowInference';
import { windowStarts } from './windowGrid';

function lcg(seed: number) {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const randomVolume = (length: number, seed: number) => {
  const random = lcg(seed);
  return Float32Array.from({ length }, () => random() * 4 - 2);
};

const identity: WindowPredictor = (windows) => Float32Array.from(windows);

function maxRelativeError(a: Float32Array, b: Float32Array) {
  let worst = 0;
  for (let i = 0; i < a.length; i++)
    worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return worst;
}

describe('slidingWindowInference with an identity model', () => {
  const cases: { shape: number[]; patch: number[] }[] = [
    { shape: [9, 10, 11], patch: [4, 4, 4] },
    { shape: [4, 4, 4], patch: [4, 4, 4] },
    { shape: [3, 7, 2], patch: [4, 4, 4] }, // smaller than the patch on two axes
    { shape: [13, 5], patch: [6, 4] },
  ];
  for (const { shape, patch } of cases) {
    for (const overlap of [0, 0.25, 0.5, 0.8]) {
      for (const blend of ['gaussian', 'constant'] as const) {
        it(`returns the input: volume [${shape}], patch [${patch}], overlap ${overlap}, ${blend}`, async () => {
          const channels = 2;
          const volume = randomVolume(shape.reduce((a, b) => a * b, 1) * channels, 1);
          const out = await slidingWindowInference(volume, shape, identity, {
            patchSize: patch,
            inChannels: channels,
            outChannels: channels,
            overlap,
            blend,
            batchSize: 3,
          });
          // float32 accumulation: equal up to the rounding of a weighted average over the windows
          // that cover a voxel, each addition adding an ulp at worst
          const coverage = shape
            .map((size, axis) => {
              const starts = windowStarts(size, patch[axis]!, overlap);
              let most = 1;
              for (let x = 0; x < size; x++)
                most = Math.max(most, starts.filter((s) => s <= x && x < s + patch[axis]!).length);
              return most;
            })
            .reduce((a, b) => a * b, 1);
          expect(maxRelativeError(out, volume)).toBeLessThan(2 * (coverage + 1) * 2 ** -23);
        });
      }
    }
  }

  it('runs a 2D model slice by slice with in-plane windows', async () => {
    const shape = [5, 9, 7];
    const volume = randomVolume(5 * 9 * 7, 2);
    const seen: number[] = [];
    const predictor: WindowPredictor = (windows, count) => {
      seen.push(windows.length / count);
      return Float32Array.from(windows);
    };
    const out = await slidingWindowInference(volume, shape, predictor, {
      patchSize: [4, 4],
      inChannels: 1,
      outChannels: 1,
    });
    expect(maxRelativeError(out, volume)).toBeLessThan(1e-6);
    expect(new Set(seen)).toEqual(new Set([16]));
  });

  it('reports progress and checks what the predictor returns', async () => {
    const volume = randomVolume(8 * 8, 3);
    const progress: number[] = [];
    await slidingWindowInference(volume, [8, 8], identity, {
      patchSize: [4, 4],
      inChannels: 1,
      outChannels: 1,
      overlap: 0,
      batchSize: 3,
      onProgress: (done, total) => progress.push(done / total),
    });
    expect(progress).toEqual([0.75, 1]);
    await expect(
      slidingWindowInference(volume, [8, 8], identity, { patchSize: [4, 4], inChannels: 1, outChannels: 2 }),
    ).rejects.toThrow(/expected 64 \(2 channels\)/);
    await expect(
      slidingWindowInference(volume, [8, 8], identity, {
        patchSize: [4, 4, 4, 4],
        inChannels: 1,
        outChannels: 1,
      }),
    ).rejects.toThrow(/as many axes as the volume/);
  });
});

describe('mirror test-time augmentation', () => {
  const shape = [6, 6, 6];
  const volume = randomVolume(216, 4);
  /** Not mirror-equivariant: each output voxel takes the input of its neighbour along the last axis. */
  const shiftLastAxis: WindowPredictor = (windows, count) => {
    const out = new Float32Array(windows.length);
    for (let n = 0; n < count; n++)
      for (let v = 0; v < 216; v++) {
        const x = v % 6;
        out[n * 216 + v] = x + 1 < 6 ? windows[n * 216 + v + 1]! : 0;
      }
    return out;
  };
  const flipLast = (a: Float32Array) => Float32Array.from(a, (_, v) => a[v - (v % 6) + (5 - (v % 6))]!);
  const options = { patchSize: shape, inChannels: 1, outChannels: 1, tta: true } as const;

  it('leaves a mirror-equivariant model unchanged', async () => {
    const plain = await slidingWindowInference(volume, shape, identity, { ...options, tta: false });
    const augmented = await slidingWindowInference(volume, shape, identity, options);
    expect(maxRelativeError(augmented, plain)).toBeLessThan(1e-6);
  });

  it('makes any model mirror-equivariant: a flipped input gives the flipped prediction', async () => {
    const prediction = await slidingWindowInference(volume, shape, shiftLastAxis, options);
    const ofFlipped = await slidingWindowInference(flipLast(volume), shape, shiftLastAxis, options);
    expect(maxRelativeError(ofFlipped, flipLast(prediction))).toBeLessThan(1e-6);
    // and it is the average of the 8 mirrored predictions: for this model, the mean of both shifts
    const v = 2 + 6 * (3 + 6 * 1);
    expect(prediction[v]).toBeCloseTo((volume[v + 1]! + volume[v - 1]!) / 2, 5);
  });
});
