import type { Volume } from '@nnunet-ts/volume';
import type { LabelArray } from '../resample/resampleLabel';

/** A label volume's data as uint8 (or uint16 when a class exceeds 255); other values are an error naming `file`. */
export function toLabelArray(label: Volume, file: string): LabelArray {
  const data = label.data as ArrayLike<number | bigint>;
  if (data instanceof Uint8Array || data instanceof Uint16Array) return data.slice();
  let max = 0;
  for (let i = 0; i < data.length; i++) {
    const v = Number(data[i]);
    if (!Number.isInteger(v) || v < 0 || v > 0xffff) {
      throw new Error(`${file}: label value ${v} at voxel ${i} is not a class (an integer 0..65535)`);
    }
    if (v > max) max = v;
  }
  const out = max > 0xff ? new Uint16Array(data.length) : new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = Number(data[i]);
  return out;
}
