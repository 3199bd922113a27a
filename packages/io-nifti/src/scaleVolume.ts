import { createVolume, dtypeInfo, type Volume } from '@nnunet-ts/volume';

export type ScaledType = 'float32' | 'float64';

/**
 * The stored values as floats: raw * slope + inter computed in float64 (multiply first, then add, as
 * nibabel's get_fdata does), then rounded to float32 if asked. A null scaling converts only. Complex data
 * stay complex (complex64 / complex128) with both parts scaled, as nifti1.h specifies; RGB data have no
 * scaled form.
 */
export function scaleVolume(
  volume: Volume,
  scaling: { slope: number; inter: number } | null,
  as: ScaledType,
): Volume<'float32' | 'float64' | 'complex64' | 'complex128'> {
  const { components, bigint } = dtypeInfo(volume.dtype);
  if (volume.dtype === 'rgb24' || volume.dtype === 'rgba32') {
    throw new TypeError(`scaleVolume: ${volume.dtype} data have no scaled form; read them raw`);
  }
  const out = as === 'float32' ? new Float32Array(volume.data.length) : new Float64Array(volume.data.length);
  const src = volume.data as ArrayLike<number | bigint>;
  const slope = scaling?.slope ?? 1;
  const inter = scaling?.inter ?? 0;
  const identity = slope === 1 && inter === 0;
  for (let e = 0; e < out.length; e++) {
    const raw = bigint ? Number(src[e]) : (src[e] as number);
    out[e] = identity ? raw : raw * slope + inter;
  }
  const dtype = components === 2 ? (as === 'float32' ? 'complex64' : 'complex128') : as;
  return createVolume({
    data: out,
    dtype,
    shape: volume.shape,
    channels: volume.channels,
    affine: volume.affine,
    spacing: volume.spacing,
  });
}
