import {
  chooseCropBox,
  createPipeline,
  labelObjects,
  Random,
  spatialTransform,
  type AugmentName,
  type Sample,
  type Shape3,
  type SpatialDims,
} from '@nnunet-ts/augment';
import { describe, expect, it } from 'vitest';
import { copyRegion } from './copyRegion';
import { patchRegion } from './patchRegion';
import { syntheticCase } from './testing/syntheticCase';

const whole = syntheticCase('a', [40, 44, 48], 2, [
  { center: [20, 22, 24], radius: 6, label: 1 },
  { center: [5, 40, 6], radius: 4, label: 2 },
]);
const wholeSample: Sample = { ...whole, label: whole.label as Uint8Array };
const objects = labelObjects(wholeSample.label, whole.shape);

/**
 * Equal up to float rounding: a warped patch samples the region at coordinates shifted by the region's
 * start, which can round differently in the last bit. A voxel missing from the region would be off by
 * the image's scale (about 1), not 1e-4.
 */
function expectSamePatch(got: Sample, want: Sample): void {
  expect(got.label).toEqual(want.label);
  let worst = 0;
  got.image.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - want.image[i]))));
  expect(worst).toBeLessThan(1e-4);
}

function regionSample(start: readonly number[], size: Shape3): Sample {
  const r = copyRegion(whole, { start: [start[0], start[1], start[2]], size });
  return { ...r, label: r.label as Uint8Array };
}

/** Runs `augment` on the whole case and on the region patchRegion picks; returns both outputs. */
function bothWays(augment: AugmentName, dims: SpatialDims, patch: Shape3, seed: number) {
  const random = Random.derive(seed);
  const { start } = chooseCropBox(objects, patch, random.fork(0), 0.5);
  const region = patchRegion(whole.shape, start, patch, augment, dims);
  const pipeline = createPipeline(augment, { patch, dims });
  const fromWhole = pipeline(wholeSample, random.fork(1), { start: start });
  const local = start.map((s, a) => s - region.start[a]);
  const fromRegion = pipeline(regionSample(region.start, region.size), random.fork(1), { start: local });
  return { fromWhole, fromRegion, region, start };
}

describe('patchRegion', () => {
  it("is the patch box (clipped to the case) for the seed's pipeline", () => {
    expect(patchRegion([40, 44, 48], [3, 4, 5], [8, 8, 8], 'nvidia', 3)).toEqual({
      start: [3, 4, 5],
      size: [8, 8, 8],
    });
    // A patch larger than the case along an axis starts before it: the region is the whole axis.
    expect(patchRegion([40, 6, 48], [3, -2, 5], [8, 8, 8], 'nvidia', 3)).toEqual({
      start: [3, 0, 5],
      size: [8, 6, 8],
    });
  });

  for (const [augment, dims, patch] of [
    ['nvidia', 3, [12, 12, 12]],
    ['nnunet', 3, [12, 12, 12]],
    ['nvidia', 2, [3, 16, 16]],
    ['nnunet', 2, [3, 16, 16]],
  ] as const) {
    it(`gives the ${augment} pipeline (${dims}D) the same patches as the whole case`, () => {
      let smaller = 0;
      for (let seed = 0; seed < 40; seed++) {
        const { fromWhole, fromRegion, region } = bothWays(augment, dims, patch, seed);
        expectSamePatch(fromRegion, fromWhole);
        if (region.size.some((n, a) => n < whole.shape[a])) smaller++;
        if (dims === 2) expect(region.size[0]).toBe(patch[0]);
      }
      // The comparison means something only where the region really is a part of the case.
      expect(smaller).toBeGreaterThan(30);
    });
  }

  it('needs its margin for the nnU-Net pipeline: the bare patch box changes rotated or scaled patches', () => {
    const patch: Shape3 = [12, 12, 12];
    let differ = 0;
    for (let seed = 0; seed < 40; seed++) {
      const random = Random.derive(seed);
      const { start } = chooseCropBox(objects, patch, random.fork(0), 0.5);
      const pipeline = createPipeline('nnunet', { patch, dims: 3 });
      const fromWhole = pipeline(wholeSample, random.fork(1), { start: start });
      const bare = pipeline(regionSample(start, patch), random.fork(1), { start: [0, 0, 0] });
      if (bare.image.some((v, i) => Math.abs(v - fromWhole.image[i]) > 0.01)) differ++;
    }
    expect(differ).toBeGreaterThan(0);
  });

  it('holds every voxel the spatial transform reads at its largest scale and any rotation', () => {
    const patch: Shape3 = [10, 10, 10];
    const start = [15, 17, 19];
    const region = patchRegion(whole.shape, start, patch, 'nnunet', 3);
    expect(region.size.every((n, a) => n < whole.shape[a])).toBe(true);
    const part = regionSample(region.start, region.size);
    const local = start.map((s, a) => s - region.start[a]);
    for (let seed = 0; seed < 20; seed++) {
      for (const imageOrder of ['linear', 'cubic'] as const) {
        const options = {
          patch,
          pRotation: 1,
          pScaling: 1,
          scaling: [1.4, 1.4] as const,
          rotationDegrees: [-180, 180] as const,
          imageOrder,
        };
        const a = spatialTransform(wholeSample, Random.derive(seed), { ...options, start });
        const b = spatialTransform(part, Random.derive(seed), { ...options, start: local });
        expectSamePatch(b, a);
      }
    }
  });
});
