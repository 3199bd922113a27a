import { createVolume, type Mat4 } from '@nnunet-ts/volume';
import { describe, expect, it } from 'vitest';
import { classColor } from './classColors';
import { renderCaseSlice } from './renderCaseSlice';

const [nI, nJ, nK] = [40, 10, 8];
const at = (i: number, j: number, k: number) => i + nI * (j + nJ * k);
const RAS: Mat4 = [
  [1, 0, 0, 0],
  [0, 2, 0, 0],
  [0, 0, 3, 0],
  [0, 0, 0, 1],
];

/** Image = i (a ramp from left to right); label class 2 in a block in front; prediction class 1 at the back. */
function caseVolumes(flipI = false) {
  const image = new Float32Array(nI * nJ * nK);
  const label = new Uint8Array(image.length);
  const prediction = new Uint8Array(image.length);
  for (let k = 0; k < nK; k++) {
    for (let j = 0; j < nJ; j++) {
      for (let i = 0; i < nI; i++) {
        const stored = at(flipI ? nI - 1 - i : i, j, k);
        image[stored] = i;
        if (i >= 10 && i < 20 && j >= 6 && k >= 2 && k <= 5) label[stored] = 2;
        if (i < 5 && j < 2 && k === 3) prediction[stored] = 1;
      }
    }
  }
  // stored with i running right to left: the affine's first column points the other way
  const affine: Mat4 = flipI
    ? [
        [-1, 0, 0, nI - 1],
        [0, 2, 0, 0],
        [0, 0, 3, 0],
        [0, 0, 0, 1],
      ]
    : RAS;
  const volume = <T extends Float32Array | Uint8Array>(data: T) =>
    createVolume({ data, shape: [nI, nJ, nK], affine });
  return { image: volume(image), label: volume(label), prediction: volume(prediction) };
}

function pixel(picture: { width: number; data: Uint8Array }, x: number, y: number): number[] {
  const n = (y * picture.width + x) * 3;
  return [...picture.data.subarray(n, n + 3)];
}

const blend = (grey: number, value: number) => classColor(value).map((c) => Math.round(0.5 * grey + 0.5 * c));
// the slice holds i = 0..39 ten times each: the 0.5% and 99.5% percentiles are 0 and 39
const greyOf = (i: number) => Math.round((i / 39) * 255);

describe('renderCaseSlice', () => {
  it('draws the mid-slice of the overlays, one panel per overlay, square millimetres, anterior up', () => {
    const { picture, slice, panels } = renderCaseSlice(caseVolumes());
    expect(panels).toEqual(['label', 'prediction']);
    expect(slice).toBe(3); // label on k = 2..5, prediction on 3: middle of 2..5
    // 40 mm × 20 mm at 384 px for the longer side: 384 × 192 per panel, 4 px between them
    expect([picture.width, picture.height]).toEqual([2 * 384 + 4, 192]);
    // voxel (15, 8): x = 15.5/40 of 384 → 148, anterior j = 8 is the 2nd tenth from the top → y = 25
    expect(pixel(picture, 148, 25)).toEqual(blend(greyOf(15), 2));
    expect(pixel(picture, 388 + 148, 25)).toEqual([greyOf(15), greyOf(15), greyOf(15)]);
    // voxel (2, 1) of the prediction panel: near the bottom left
    expect(pixel(picture, 388 + 24, 160)).toEqual(blend(greyOf(2), 1));
    expect(pixel(picture, 24, 160)).toEqual([greyOf(2), greyOf(2), greyOf(2)]);
    expect(pixel(picture, 385, 100)).toEqual([255, 255, 255]);
  });

  it('turns volumes to RAS first: one stored right to left draws the same picture', () => {
    const flipped = renderCaseSlice(caseVolumes(true));
    const plain = renderCaseSlice(caseVolumes());
    expect(flipped.slice).toBe(plain.slice);
    expect([flipped.picture.width, flipped.picture.height]).toEqual([
      plain.picture.width,
      plain.picture.height,
    ]);
    // compared as buffers: a deep equality over 400k elements is slow
    expect(Buffer.from(flipped.picture.data).equals(Buffer.from(plain.picture.data))).toBe(true);
  });

  it('draws the image alone, at its middle slice, when there is no overlay', () => {
    const { picture, slice, panels } = renderCaseSlice({ image: caseVolumes().image }, { panelSize: 100 });
    expect(panels).toEqual([]);
    expect(slice).toBe(4);
    expect([picture.width, picture.height]).toEqual([100, 50]);
    expect(pixel(picture, 0, 0)).toEqual([0, 0, 0]);
    expect(pixel(picture, 99, 0)).toEqual([255, 255, 255]);
  });

  it('refuses an overlay on another grid', () => {
    const { image } = caseVolumes();
    const label = createVolume({ data: new Uint8Array(nI * nJ), shape: [nI, nJ, 1] });
    expect(() => renderCaseSlice({ image, label })).toThrow(
      /label grid \[40, 10, 1\] is not the image's \[40, 10, 8\]/,
    );
  });
});
