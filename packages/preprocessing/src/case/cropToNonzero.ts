import { boundingBox, crop, type Volume } from '@nnunet-ts/volume';

/**
 * Crops an image (and its label) to the box of voxels where any channel is not 0, as nnU-Net does
 * (`!= 0`, so negative CT values are kept; the seed's `> 0` would cut them). An all-zero image is kept
 * whole. `start`/`end` are in NIfTI order [i, j, k], end exclusive.
 */
export function cropToNonzero<L extends Volume | undefined>(
  image: Volume<'float32'>,
  label: L,
): { image: Volume<'float32'>; label: L; start: [number, number, number]; end: [number, number, number] } {
  const box = boundingBox(image);
  if (box === null) return { image, label, start: [0, 0, 0], end: [...image.shape] };
  const start: [number, number, number] = [...box.start];
  const end: [number, number, number] = [...box.end];
  if (start.every((s) => s === 0) && end.every((e, a) => e === image.shape[a]))
    return { image, label, start, end };
  return { image: crop(image, start, end), label: (label && crop(label, start, end)) as L, start, end };
}
