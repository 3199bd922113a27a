import type { Mat4, Vec3, Vec4 } from '../affine';
import { allocateData, dtypeInfo, type DataOf, type DType } from '../dtype';
import { createVolume, type Volume } from '../Volume';
import { matmul4 } from './mat4';

/**
 * How each output axis d reads the source: along source axis `srcAxis[d]`, at source index
 * `offset[d] + sign[d] * o` for output index o. Crop, pad, flip and permute are all such maps.
 */
export interface AxisMap {
  readonly shape: Vec3;
  readonly srcAxis: readonly [number, number, number];
  readonly sign: readonly [number, number, number];
  readonly offset: Vec3;
}

/** Copies the voxels the map selects (source indices outside the volume get `fill`) and moves the affine along. */
export function applyAxisMap<D extends DType>(
  volume: Volume<D>,
  map: AxisMap,
  fill: number | bigint = 0,
): Volume<D> {
  const { components, bigint } = dtypeInfo(volume.dtype);
  const [sI, sJ] = volume.shape;
  const srcStride = [components, components * sI, components * sI * sJ];
  const channelStride = srcStride[2] * volume.shape[2];
  const [oI, oJ, oK] = map.shape;
  const out = allocateData(volume.dtype, oI * oJ * oK * volume.channels);

  // Output indices whose source index lies inside the volume form one interval per axis.
  const lo = [0, 0, 0];
  const hi = [0, 0, 0];
  let partial = false;
  for (let d = 0; d < 3; d++) {
    const n = volume.shape[map.srcAxis[d]];
    const a = (0 - map.offset[d]) / map.sign[d];
    const b = (n - 1 - map.offset[d]) / map.sign[d];
    lo[d] = Math.max(0, Math.min(a, b));
    hi[d] = Math.min(map.shape[d], Math.max(a, b) + 1);
    if (hi[d] < lo[d]) hi[d] = lo[d];
    if (lo[d] > 0 || hi[d] < map.shape[d]) partial = true;
  }
  if (partial && fill !== 0 && fill !== 0n) {
    (out as { fill(v: number | bigint): unknown }).fill(bigint ? BigInt(fill) : Number(fill));
  }

  const step = [0, 1, 2].map((d) => map.sign[d] * srcStride[map.srcAxis[d]]);
  const base0 = [0, 1, 2].reduce((acc, d) => acc + map.offset[d] * srcStride[map.srcAxis[d]], 0);
  const src = volume.data as ArrayLike<number | bigint>;
  const dst = out as unknown as { [i: number]: number | bigint };
  const outChannel = oI * oJ * oK * components;
  for (let ch = 0; ch < volume.channels; ch++) {
    for (let k = lo[2]; k < hi[2]; k++) {
      for (let j = lo[1]; j < hi[1]; j++) {
        let s = ch * channelStride + base0 + k * step[2] + j * step[1] + lo[0] * step[0];
        let o = ch * outChannel + ((k * oJ + j) * oI + lo[0]) * components;
        if (components === 1) {
          for (let i = lo[0]; i < hi[0]; i++, s += step[0]) dst[o++] = src[s];
        } else {
          for (let i = lo[0]; i < hi[0]; i++, s += step[0]) {
            for (let c = 0; c < components; c++) dst[o++] = src[s + c];
          }
        }
      }
    }
  }

  const column = (d: number): Vec4 => {
    const col = [0, 0, 0, 0];
    col[map.srcAxis[d]] = map.sign[d];
    return col as unknown as Vec4;
  };
  const translation = [0, 0, 0, 1];
  for (let d = 0; d < 3; d++) translation[map.srcAxis[d]] += map.offset[d];
  const cols = [column(0), column(1), column(2), translation];
  const indexMap = [0, 1, 2, 3].map((r) => cols.map((c) => c[r])) as unknown as Mat4;
  return createVolume({
    data: out as DataOf<D>,
    dtype: volume.dtype,
    shape: map.shape,
    channels: volume.channels,
    affine: matmul4(volume.affine, indexMap),
    spacing: [volume.spacing[map.srcAxis[0]], volume.spacing[map.srcAxis[1]], volume.spacing[map.srcAxis[2]]],
  });
}
