import { dtypeInfo, voxelCount, type Volume } from '@nnunet-ts/volume';
import type { Sample } from './Sample';

/**
 * Builds a sample from an image volume (any real dtype, channels as NIfTI's 4th dimension) and a label
 * volume (integer class ids 0..255). NIfTI order [nI, nJ, nK] with i fastest is read as [D, H, W] =
 * [nK, nJ, nI]; the channel planes are interleaved into channels-last order.
 */
export function sampleFromVolumes(image: Volume, label: Volume): Sample {
  for (const [name, v] of [
    ['image', image],
    ['label', label],
  ] as const) {
    const info = dtypeInfo(v.dtype);
    if (info.components !== 1)
      throw new TypeError(
        `sampleFromVolumes: ${name} has ${v.dtype} voxels; expected one real value per voxel`,
      );
  }
  if (image.shape.some((n, a) => n !== label.shape[a])) {
    throw new RangeError(
      `sampleFromVolumes: image shape [${image.shape.join(', ')}] differs from label shape [${label.shape.join(', ')}]`,
    );
  }
  if (label.channels !== 1)
    throw new RangeError(`sampleFromVolumes: label must have one channel, got ${label.channels}`);
  const n = voxelCount(image);
  const C = image.channels;
  const out = new Float32Array(n * C);
  const src = image.data;
  for (let c = 0; c < C; c++) {
    for (let v = 0; v < n; v++) out[v * C + c] = Number(src[v + n * c]);
  }
  const classes = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    const value = Number(label.data[v]);
    if (!(Number.isInteger(value) && value >= 0 && value <= 255)) {
      throw new RangeError(
        `sampleFromVolumes: label voxel ${v} is ${value}; class ids must be integers in [0, 255]`,
      );
    }
    classes[v] = value;
  }
  return { image: out, label: classes, shape: [image.shape[2], image.shape[1], image.shape[0]], channels: C };
}
