import type { DType, Mat4, Volume } from '@nnunet-ts/volume';
import type { AffineSource } from './headerAffine';
import type { NiftiExtension, NiftiHeader } from './NiftiHeader';

/** Everything a header tells, read without touching the voxel data. */
export interface NiftiHeaderInfo {
  /** The fields as stored, except after a scaled read (see NiftiImage.header). */
  header: NiftiHeader;
  extensions: NiftiExtension[];
  /** The stored element type. */
  dtype: DType;
  /** nibabel's `img.shape`: dim[1..dim[0]]. */
  dims: number[];
  /** nibabel's `header.get_zooms()`. */
  zooms: number[];
  /** nibabel's `img.affine` and which transform it came from. */
  affine: Mat4;
  affineSource: AffineSource;
  /** The header's scl_slope / scl_inter where they apply to the returned data; null when none apply. */
  scaling: { slope: number; inter: number } | null;
  /** Oddities read past as the standard allows (a malformed extension section, bitpix ≠ datatype, ...). */
  warnings: string[];
}

/**
 * A read image. `volume` holds the stored values (`as: 'raw'`) or the scaled floats; `header` always
 * describes `volume`: after a scaled read its datatype is the float type and scl_slope / scl_inter are 1 / 0,
 * so writing the volume with this header as template never scales twice.
 */
export interface NiftiImage extends NiftiHeaderInfo {
  volume: Volume;
}
