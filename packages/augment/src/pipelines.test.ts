import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createPipeline } from './createPipeline';
import { labelObjects } from './labelObjects';
import { nnunetRotation } from './nnunetPipeline';
import { Random } from './random';
import { digest, digests, syntheticCase } from './internal/pipelineDigests';
import { ballSample, sampleOf } from './internal/testing';

const NAMES = ['nvidia', 'nnunet'] as const;

describe('pipelines', () => {
  it('give bit-identical patches for the same seed, in this process and in a fresh one', () => {
    const here = digests();
    expect(digests()).toEqual(here);
    const self = fileURLToPath(import.meta.url);
    const script = `
      import { digests } from ${JSON.stringify(self.replace(/pipelines\.test\.ts$/, 'internal/pipelineDigests.ts'))};
      process.stdout.write(JSON.stringify(digests()));
    `;
    const output = execFileSync(
      process.execPath,
      ['--conditions=@nnunet-ts/source', '--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(output)).toEqual(here);
    // And different seeds give different patches.
    expect(new Set(here).size).toBe(here.length);
  });

  it('return patches of the configured shape with the input channels and classes, with or without cached objects', () => {
    const sample = syntheticCase();
    const objects = labelObjects(sample.label, sample.shape);
    for (const name of NAMES) {
      const augment = createPipeline(name, { patch: [16, 20, 24], oversampling: 0.5 });
      for (let i = 0; i < 10; i++) {
        const out = augment(sample, Random.derive(5, i), { objects });
        expect(out.shape).toEqual([16, 20, 24]);
        expect(out.channels).toBe(2);
        expect(out.image.length).toBe(16 * 20 * 24 * 2);
        expect([...new Set(out.label)].every((v) => v <= 2)).toBe(true);
        expect(out.image.every(Number.isFinite)).toBe(true);
        expect(digest(augment(sample, Random.derive(5, i)))).toBe(digest(out));
      }
    }
  });

  it('keep every labelled ball on its image through all transforms', () => {
    // Off-centre ball: a flip or rotation applied to one of image and label only would separate them.
    const ball = ballSample([40, 44, 48], [14, 25, 31], 6, 2);
    for (const name of NAMES) {
      const augment = createPipeline(name, { patch: [24, 24, 24], oversampling: 1 });
      for (let i = 0; i < 60; i++) {
        const out = augment(ball, Random.derive(6, i));
        let inside = 0;
        let outside = 0;
        let nIn = 0;
        out.label.forEach((v, k) => {
          if (v === 1) {
            inside += out.image[2 * k];
            nIn++;
          } else outside += out.image[2 * k];
        });
        expect(nIn).toBeGreaterThan(100);
        // Every intensity transform here is increasing, so the ball stays brighter than its surroundings.
        expect(inside / nIn - outside / (out.label.length - nIn)).toBeGreaterThan(0.3);
      }
    }
  });

  it('2D slabs: spatial transforms act in-plane, so each output slice is one input slice', () => {
    // Every voxel is labelled with 1 + (d mod 3): slices stay uniform and in order unless mixed.
    const slabs = sampleOf(
      [12, 40, 40],
      1,
      (d, h, w) => d + h / 40 + w / 40,
      (d) => 1 + (d % 3),
    );
    for (const name of NAMES) {
      const augment = createPipeline(name, { patch: [4, 32, 32], dims: 2 });
      for (let i = 0; i < 40; i++) {
        const out = augment(slabs, Random.derive(8, i));
        const perSlice = Array.from({ length: 4 }, (_, d) => [
          ...new Set(out.label.subarray(d * 1024, (d + 1) * 1024).filter((v) => v !== 0)),
        ]);
        perSlice.forEach((values) => expect(values.length).toBe(1));
        for (let d = 1; d < 4; d++) expect(perSlice[d][0]).toBe(1 + (perSlice[d - 1][0] % 3));
      }
    }
  });

  it("pick nnU-Net v2's rotation rule from the patch", () => {
    expect(nnunetRotation([128, 128, 128], 3)).toEqual({ inPlane: false, rotationDegrees: [-30, 30] });
    expect(nnunetRotation([20, 256, 224], 3)).toEqual({ inPlane: true, rotationDegrees: [-180, 180] });
    expect(nnunetRotation([1, 512, 512], 2)).toEqual({ inPlane: true, rotationDegrees: [-180, 180] });
    expect(nnunetRotation([1, 256, 512], 2)).toEqual({ inPlane: true, rotationDegrees: [-15, 15] });
  });

  it('name unknown pipelines and bad configurations', () => {
    expect(() => createPipeline('monai' as 'nvidia', { patch: [8, 8, 8] })).toThrow(
      /unknown augmentation 'monai'/,
    );
    expect(() => createPipeline('nvidia', { patch: [8, 8, 8], oversampling: 2 })).toThrow(/oversampling/);
    expect(() => createPipeline('nnunet', { patch: [8, 8, 8], dims: 4 as 3 })).toThrow(/dims must be 2 or 3/);
  });
});
