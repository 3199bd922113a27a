import { dtypeInfo, type DType, type Vec3 } from '@nnunet-ts/volume';
import { dtypeForCode, unsupportedCodeName } from '../datatypes';
import { NiftiError } from '../NiftiError';
import type { NiftiHeader } from '../NiftiHeader';

/** What the header says about the voxel data, after every check that does not need the data. */
export interface DataLayout {
  dtype: DType;
  /** dim[1..dim[0]]: the full shape, nibabel's `img.shape`. */
  dims: number[];
  /** The first three dimensions (1 where the image has fewer). */
  shape: Vec3;
  /** Product of the 4th and later dimensions. */
  channels: number;
  voxels: number;
  dataBytes: number;
  /** Byte offset of the data in its file (the single file, or the .img of a pair). */
  dataOffset: number;
  /** nibabel's `get_zooms()`: |pixdim[1..dim[0]]|. */
  zooms: number[];
  /** scl_slope / scl_inter when they define a scaling; null when the data are stored unscaled. */
  scaling: { slope: number; inter: number } | null;
  /** Oddities that the standard says how to read past (bitpix disagreeing with datatype, ...). */
  warnings: string[];
}

/** Largest array this reader allocates: V8's limit for one typed array. */
const MAX_BYTES = 2 ** 32 - 1;
export const DEFAULT_MAX_VOXELS = 2 ** 30;

/**
 * Checks dims, datatype, vox_offset, pixdim and scaling, and computes the data size exactly (as a
 * bigint, so a header declaring 35 TB is refused before anything is allocated).
 */
export function dataLayout(
  header: NiftiHeader,
  file: string,
  single: boolean,
  maxVoxels: number,
): DataLayout {
  const warnings: string[] = [];
  const ndim = header.dim[0];
  if (!Number.isInteger(ndim) || ndim < 1 || ndim > 7) {
    throw new NiftiError('BAD_HEADER', file, `dim[0] is ${ndim}; the number of dimensions must be 1 to 7`);
  }
  const dims = header.dim.slice(1, ndim + 1);
  dims.forEach((n, i) => {
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new NiftiError(
        'BAD_HEADER',
        file,
        `dim[${i + 1}] is ${n}; every used dimension must be at least 1`,
      );
    }
  });

  const dtype = dtypeForCode(header.datatype);
  if (!dtype) {
    const name = unsupportedCodeName(header.datatype);
    if (name)
      throw new NiftiError(
        'UNSUPPORTED',
        file,
        `datatype ${header.datatype} (${name}) cannot be represented`,
      );
    throw new NiftiError('BAD_HEADER', file, `datatype ${header.datatype} is not a NIfTI datatype code`);
  }
  const { components, componentBytes } = dtypeInfo(dtype);
  const voxelBytes = components * componentBytes;
  if (header.bitpix !== voxelBytes * 8) {
    warnings.push(
      `bitpix is ${header.bitpix} but datatype ${header.datatype} (${dtype}) has ${voxelBytes * 8} bits; using the datatype`,
    );
  }

  const voxelsBig = dims.reduce((acc, n) => acc * BigInt(n), 1n);
  const bytesBig = voxelsBig * BigInt(voxelBytes);
  if (voxelsBig > BigInt(maxVoxels)) {
    throw new NiftiError(
      'TOO_LARGE',
      file,
      `the header declares ${voxelsBig} voxels, more than maxVoxels (${maxVoxels})`,
    );
  }
  if (bytesBig > BigInt(MAX_BYTES)) {
    throw new NiftiError(
      'TOO_LARGE',
      file,
      `the header declares ${bytesBig} bytes of voxel data, more than one array can hold`,
    );
  }

  const offset = header.voxOffset;
  const minOffset = single ? header.sizeofHdr + 4 : 0;
  if (!Number.isFinite(offset) || !Number.isInteger(offset) || offset < minOffset) {
    throw new NiftiError(
      'BAD_HEADER',
      file,
      `vox_offset is ${offset}; it must be an integer of at least ${minOffset}` +
        (single ? ` in a single-file NIfTI-${header.version} (header plus 4 extension bytes)` : ''),
    );
  }

  const spatial = Math.min(3, ndim);
  const zooms = dims.map((_, i) => {
    const p = header.pixdim[i + 1];
    if (!Number.isFinite(p))
      throw new NiftiError('BAD_HEADER', file, `pixdim[${i + 1}] is ${p}; voxel sizes must be finite`);
    if (i < spatial && p === 0) {
      throw new NiftiError('BAD_HEADER', file, `pixdim[${i + 1}] is 0; spatial voxel sizes must be non-zero`);
    }
    return Math.abs(p);
  });

  let scaling: DataLayout['scaling'] = null;
  const slope = header.sclSlope;
  const rgb = dtype === 'rgb24' || dtype === 'rgba32';
  // NIfTI: a slope of 0 means "no scaling"; NaN and ±Inf are read the same way by nibabel and nifti_clib.
  if (!rgb && Number.isFinite(slope) && slope !== 0) {
    if (!Number.isFinite(header.sclInter)) {
      throw new NiftiError(
        'BAD_HEADER',
        file,
        `scl_inter is ${header.sclInter} while scl_slope is ${slope}: the scaling is undefined`,
      );
    }
    scaling = { slope, inter: header.sclInter };
  }

  return {
    dtype,
    dims,
    shape: [dims[0], dims[1] ?? 1, dims[2] ?? 1],
    channels: dims.slice(3).reduce((a, b) => a * b, 1),
    voxels: Number(voxelsBig),
    dataBytes: Number(bytesBig),
    dataOffset: offset,
    zooms,
    scaling,
    warnings,
  };
}
