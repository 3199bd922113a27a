import type { NiftiImage } from '@nnunet-ts/io-nifti';
import { createVolume, dtypeInfo, type Volume } from '@nnunet-ts/volume';
import { DatasetError } from '../DatasetError';
import { labelValues } from './labelValues';

/**
 * A label map as integer typed data: stored integers are kept as they are; float or scaled maps (and
 * 64-bit ones) are converted to the smallest of uint8, uint16, int16, int32 that holds their values.
 * A value that is not an integer is an error.
 */
export function toLabelVolume(image: NiftiImage, file: string): Volume {
  const { volume, scaling } = image;
  const info = dtypeInfo(volume.dtype);
  if (!info.float && !info.bigint && info.components === 1 && scaling === null) return volume;
  if (info.components !== 1) throw new DatasetError(file, `a label map cannot be ${volume.dtype} data`);
  const { counts, nonInteger, nonIntegerExample } = labelValues(image);
  if (nonInteger > 0) {
    throw new DatasetError(
      file,
      `${nonInteger} label voxels are not integers (e.g. ${nonIntegerExample}); labels must be whole numbers`,
    );
  }
  const values = [...counts.keys()];
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);
  const slope = scaling?.slope ?? 1;
  const inter = scaling?.inter ?? 0;
  const target =
    min >= 0 && max <= 0xff
      ? new Uint8Array(volume.data.length)
      : min >= 0 && max <= 0xffff
        ? new Uint16Array(volume.data.length)
        : min >= -0x8000 && max <= 0x7fff
          ? new Int16Array(volume.data.length)
          : new Int32Array(volume.data.length);
  if (target instanceof Int32Array && (min < -(2 ** 31) || max >= 2 ** 31)) {
    throw new DatasetError(file, `label values ${min}..${max} do not fit in 32-bit integers`);
  }
  volume.data.forEach((stored: number | bigint, i: number) => {
    target[i] = Number(stored) * slope + inter;
  });
  return createVolume({
    data: target,
    shape: volume.shape,
    channels: volume.channels,
    affine: volume.affine,
    spacing: volume.spacing,
  });
}
