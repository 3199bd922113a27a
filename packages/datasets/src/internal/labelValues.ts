import type { NiftiImage } from '@nnunet-ts/io-nifti';
import { dtypeInfo } from '@nnunet-ts/volume';

/** The values a label map holds, after the header's scaling. */
export interface LabelValues {
  /** integer value → voxel count */
  counts: Map<number, number>;
  /** voxels whose value is not an integer (NaN and infinities included) */
  nonInteger: number;
  /** one such value, for the message */
  nonIntegerExample: number | undefined;
}

/** Counts every value of a single-component label map (stored values times scl_slope plus scl_inter). */
export function labelValues(image: NiftiImage): LabelValues {
  const { volume, scaling } = image;
  const info = dtypeInfo(volume.dtype);
  if (info.components !== 1) throw new Error(`a label map cannot be ${volume.dtype} data`);
  const slope = scaling?.slope ?? 1;
  const inter = scaling?.inter ?? 0;
  const counts = new Map<number, number>();
  let nonInteger = 0;
  let nonIntegerExample: number | undefined;
  if (volume.data instanceof Uint8Array && slope === 1 && inter === 0) {
    // the common case, by histogram rather than a Map lookup per voxel
    const histogram = new Float64Array(256);
    for (const v of volume.data) histogram[v]!++;
    histogram.forEach((n, v) => n > 0 && counts.set(v, n));
    return { counts, nonInteger, nonIntegerExample };
  }
  for (const stored of volume.data) {
    const value = Number(stored) * slope + inter;
    if (Number.isInteger(value)) counts.set(value, (counts.get(value) ?? 0) + 1);
    else {
      nonInteger++;
      nonIntegerExample ??= value;
    }
  }
  return { counts, nonInteger, nonIntegerExample };
}
