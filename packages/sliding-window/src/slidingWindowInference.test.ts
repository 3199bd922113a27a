import { describe, expect, it } from 'vitest';
import {
  slidingWindowInference,
  type SlidingWindowOptions,
  type WindowPredictor,
} from './slidingWindowInference';
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
    { shape: [2, 3, 1], patch: [4, 4, 4] }, // smaller than the patch on every axis
    { shape: [17, 4, 6], patch: [5, 4, 3] }, // 17 − 5 is not a multiple of any step
    { shape: [3, 9, 5], patch: [4, 6] }, // a 2D model slice by slice, narrower than the patch in-plane
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
            batchSize: 1 + Math.round(overlap * 5), // 1, 2, 3, 5: partial last batches too
          });
          // float32 accumulation: equal up to the rounding of a weighted average over the windows
          // that cover a voxel, each addition adding an ulp at worst
          const full = patch.length < shape.length ? [1, ...patch] : patch;
          const coverage = shape
            .map((size, axis) => {
              const starts = windowStarts(size, full[axis]!, overlap);
              let most = 1;
              for (let x = 0; x < size; x++)
                most = Math.max(most, starts.filter((s) => s <= x && x < s + full[axis]!).length);
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

/** A channels-last volume `[...shape, channels]` mirrored along `axes`. */
function flipAxes(a: Float32Array, shape: readonly number[], channels: number, axes: readonly number[]) {
  const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((x, y) => x * y, channels));
  return Float32Array.from(a, (_, index) => {
    const voxel = Math.floor(index / channels);
    let source = index % channels;
    shape.forEach((size, axis) => {
      const x = Math.floor((voxel * channels) / strides[axis]!) % size;
      source += (axes.includes(axis) ? size - 1 - x : x) * strides[axis]!;
    });
    return a[source]!;
  });
}

/** Every non-empty subset of the axes. */
const flipSets = (axes: number) =>
  Array.from({ length: 2 ** axes - 1 }, (_, m) => [...Array(axes).keys()].filter((a) => ((m + 1) >> a) & 1));

/**
 * For every flip of every subset of the axes, `model`'s sliding-window prediction of the flipped one-channel
 * `input` is the flipped `prediction`.
 */
async function expectFlipsCommute(
  input: Float32Array,
  shape: readonly number[],
  model: WindowPredictor,
  options: SlidingWindowOptions,
  prediction: Float32Array,
): Promise<void> {
  for (const axes of flipSets(shape.length)) {
    const ofFlipped = await slidingWindowInference(flipAxes(input, shape, 1, axes), shape, model, options);
    expect(maxRelativeError(ofFlipped, flipAxes(prediction, shape, 1, axes)), `axes ${axes}`).toBeLessThan(
      1e-5,
    );
  }
}

/**
 * A one-channel window model: `equivariant` adds half of each face neighbour inside the window (the
 * same under any mirroring); otherwise each voxel is scaled by its position in the window and takes
 * its neighbour along every axis in one direction, so no mirroring leaves it unchanged.
 */
function windowModel(patch: readonly number[], equivariant: boolean): WindowPredictor {
  const voxels = patch.reduce((a, b) => a * b, 1);
  const strides = patch.map((_, axis) => patch.slice(axis + 1).reduce((x, y) => x * y, 1));
  return (windows, count) => {
    const out = new Float32Array(windows.length);
    for (let n = 0; n < count; n++)
      for (let v = 0; v < voxels; v++) {
        const at = (axis: number, d: number) => {
          const x = Math.floor(v / strides[axis]!) % patch[axis]!;
          return x + d >= 0 && x + d < patch[axis]! ? windows[n * voxels + v + d * strides[axis]!]! : 0;
        };
        const own = windows[n * voxels + v]!;
        out[n * voxels + v] = equivariant
          ? own + patch.reduce((sum, _, axis) => sum + 0.5 * (at(axis, -1) + at(axis, 1)), 0)
          : own * (1 + v / voxels) + patch.reduce((sum, _, axis) => sum + at(axis, 1), 0);
      }
    return out;
  };
}

describe('mirror test-time augmentation over many windows', () => {
  // odd patches and evenly stepped sizes: the window grid and the Gaussian are mirror-symmetric
  const shape = [7, 9, 11];
  const patch = [5, 5, 5];
  const volume = randomVolume(7 * 9 * 11, 5);
  for (const blend of ['gaussian', 'constant'] as const) {
    const options = { patchSize: patch, inChannels: 1, outChannels: 1, overlap: 0.5, blend, tta: true };

    it(`${blend}: a mirror-equivariant model gives the same result with and without TTA`, async () => {
      const model = windowModel(patch, true);
      const plain = await slidingWindowInference(volume, shape, model, { ...options, tta: false });
      const augmented = await slidingWindowInference(volume, shape, model, options);
      expect(maxRelativeError(augmented, plain)).toBeLessThan(1e-5);
    });

    it(`${blend}: with TTA, a flipped input gives the flipped prediction for all 7 flips`, async () => {
      const model = windowModel(patch, false);
      const prediction = await slidingWindowInference(volume, shape, model, options);
      // without TTA the model is not equivariant, so the check below can fail
      const plain = await slidingWindowInference(flipAxes(volume, shape, 1, [2]), shape, model, {
        ...options,
        tta: false,
      });
      expect(maxRelativeError(plain, flipAxes(prediction, shape, 1, [2]))).toBeGreaterThan(1e-2);
      await expectFlipsCommute(volume, shape, model, options, prediction);
    });
  }

  it('a 2D model on a 3D volume mirrors in-plane only: 3 extra passes, flips of any axis commute', async () => {
    const shape3 = [3, 9, 11];
    const patch2 = [5, 5];
    const input = randomVolume(3 * 9 * 11, 6);
    let calls = 0;
    const model = windowModel(patch2, false);
    const counting: WindowPredictor = (windows, count) => {
      calls++;
      return model(windows, count);
    };
    const options = {
      patchSize: patch2,
      inChannels: 1,
      outChannels: 1,
      overlap: 0.5,
      tta: true,
      batchSize: 100,
    };
    const prediction = await slidingWindowInference(input, shape3, counting, options);
    expect(calls).toBe(4); // one batch of every window: the plain pass and 3 flips
    await expectFlipsCommute(input, shape3, model, options, prediction);
  });
});
