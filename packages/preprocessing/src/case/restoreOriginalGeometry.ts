import { createVolume, type Volume } from '@nnunet-ts/volume';
import { product, reverse3, type Shape3 } from '../internal/Shape3';
import { axisInterpolations } from '../resample/lowResAxis';
import { resampleChannel } from '../resample/resampleChannel';
import { resampleLabel, type LabelArray } from '../resample/resampleLabel';
import type { CaseMetadata } from './CaseMetadata';

/**
 * Maps a label map in preprocessed space ([D, H, W], the stored shape) back onto the case's original
 * image grid: removes the padding, resamples to the cropped shape (one-hot, the plan's label kernels),
 * and pastes it into the crop box of an all-background volume with the original affine.
 */
export function restoreLabel<T extends LabelArray>(meta: CaseMetadata, label: T): Volume {
  expectLength(meta, label.length, 1, 'label');
  const unpadded = unpad(label, meta.shape, meta.pad.before, meta.shapeAfterResampling, 1, 0);
  const kinds = axisInterpolations(meta.spacing, meta.spacingBeforeResampling, meta.resampling.label);
  const cropped = resampleLabel(unpadded as T, meta.shapeAfterResampling, meta.shapeBeforeResampling, kinds);
  const full = new (label.constructor as new (n: number) => T)(product(meta.original.shape));
  paste(cropped, meta.shapeBeforeResampling, full, reverse3(meta.original.shape), meta.crop.start);
  return originalVolume(meta, full, 1);
}

/**
 * Maps class probabilities in preprocessed space (channels-last [D, H, W, C]) back onto the original
 * grid as a C-channel float32 volume (the plan's probability kernels; linear by default). Outside the
 * crop box the image was empty, so there the background (channel 0) has probability 1.
 */
export function restoreProbabilities(
  meta: CaseMetadata,
  probabilities: Float32Array,
  channels: number,
): Volume<'float32'> {
  expectLength(meta, probabilities.length, channels, 'probabilities');
  const kinds = axisInterpolations(meta.spacing, meta.spacingBeforeResampling, meta.resampling.probabilities);
  const originalShape = reverse3(meta.original.shape);
  const size = product(originalShape);
  const out = new Float32Array(size * channels);
  for (let c = 0; c < channels; c++) {
    const plane = out.subarray(c * size, (c + 1) * size);
    if (c === 0) plane.fill(1);
    const channel = unpad(
      probabilities,
      meta.shape,
      meta.pad.before,
      meta.shapeAfterResampling,
      channels,
      c,
    ) as Float32Array;
    const cropped = resampleChannel(channel, meta.shapeAfterResampling, meta.shapeBeforeResampling, kinds);
    paste(cropped, meta.shapeBeforeResampling, plane, originalShape, meta.crop.start);
  }
  return originalVolume(meta, out, channels);
}

function expectLength(meta: CaseMetadata, length: number, channels: number, what: string): void {
  const expected = product(meta.shape) * channels;
  if (length !== expected) {
    throw new RangeError(
      `case ${meta.id}: ${what} has ${length} values, the stored shape [${meta.shape.join(', ')}] x ${channels} needs ${expected}`,
    );
  }
}

/** Channel `c` of a channels-last array of `shape`, inside the box at `offset` of size `inner`, as [D, H, W]. */
function unpad(
  data: LabelArray | Float32Array,
  shape: Shape3,
  offset: Shape3,
  inner: Shape3,
  channels: number,
  c: number,
): LabelArray | Float32Array {
  const out = new (data.constructor as new (n: number) => LabelArray | Float32Array)(product(inner));
  let i = 0;
  for (let d = 0; d < inner[0]; d++) {
    for (let h = 0; h < inner[1]; h++) {
      let from = (((d + offset[0]) * shape[1] + h + offset[1]) * shape[2] + offset[2]) * channels + c;
      for (let w = 0; w < inner[2]; w++, i++, from += channels) out[i] = data[from];
    }
  }
  return out;
}

/** Writes `box` ([D, H, W] of `boxShape`) into `target` (of `targetShape`) at `start`. */
function paste(
  box: ArrayLike<number>,
  boxShape: Shape3,
  target: { [i: number]: number },
  targetShape: Shape3,
  start: Shape3,
): void {
  let i = 0;
  for (let d = 0; d < boxShape[0]; d++) {
    for (let h = 0; h < boxShape[1]; h++) {
      let to = ((d + start[0]) * targetShape[1] + h + start[1]) * targetShape[2] + start[2];
      for (let w = 0; w < boxShape[2]; w++) target[to++] = box[i++];
    }
  }
}

function originalVolume<T extends LabelArray | Float32Array>(meta: CaseMetadata, data: T, channels: number) {
  // array order [D, H, W] is NIfTI order [i, j, k] with i fastest: the data needs no reordering
  return createVolume({
    data,
    shape: meta.original.shape,
    channels,
    affine: meta.original.affine,
    spacing: meta.original.spacing,
  });
}
