import { createVolume, dtypeInfo } from '@nnunet-ts/volume';
import { codeForDType } from '../datatypes';
import { NiftiError } from '../NiftiError';
import type { NiftiImage } from '../NiftiImage';
import { scaleVolume, type ScaledType } from '../scaleVolume';
import { decodeVoxels } from './decodeVoxels';
import type { DecodedHeader } from './NiftiStreamDecoder';

export type ReadAs = 'raw' | ScaledType;

/** Turns checked header information and the stored data bytes into an image, scaled if asked. */
export function assembleImage(
  file: string,
  decoded: DecodedHeader,
  data: ArrayBuffer,
  as: ReadAs,
): NiftiImage {
  const { info, layout } = decoded;
  const raw = createVolume({
    data: decodeVoxels(data, layout.dtype, info.header.littleEndian),
    dtype: layout.dtype,
    shape: layout.shape,
    channels: layout.channels,
    affine: info.affine,
    spacing: [layout.zooms[0], layout.zooms[1] ?? 1, layout.zooms[2] ?? 1],
  });
  if (as === 'raw') return { ...info, volume: raw };
  if (layout.dtype === 'rgb24' || layout.dtype === 'rgba32') {
    throw new NiftiError(
      'UNSUPPORTED',
      file,
      `${layout.dtype} data have no scaled form; read them with as: 'raw'`,
    );
  }
  const volume = scaleVolume(raw, info.scaling, as);
  const code = codeForDType(volume.dtype);
  const header = {
    ...info.header,
    datatype: code,
    bitpix: dtypeInfo(volume.dtype).components * dtypeInfo(volume.dtype).componentBytes * 8,
    sclSlope: 1,
    sclInter: 0,
  };
  return { ...info, header, dtype: volume.dtype, scaling: null, volume };
}
