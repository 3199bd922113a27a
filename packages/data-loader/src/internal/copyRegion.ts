import type { CaseArrays, Region } from '../CaseSource';

/**
 * Copies `region` out of a whole case. The region may reach outside the case: those voxels are 0 in the
 * image and background in the label.
 */
export function copyRegion(whole: CaseArrays, region: Region): CaseArrays {
  const [D, H, W] = whole.shape;
  const [rd, rh, rw] = region.size;
  const [sd0, sh0, sw0] = region.start;
  const C = whole.channels;
  const image = new Float32Array(rd * rh * rw * C);
  const label = new (whole.label instanceof Uint16Array ? Uint16Array : Uint8Array)(rd * rh * rw);
  // The part of each row that lies inside the case.
  const w0 = Math.max(0, -sw0);
  const w1 = Math.min(rw, W - sw0);
  for (let d = 0; d < rd && w1 > w0; d++) {
    const sd = sd0 + d;
    if (sd < 0 || sd >= D) continue;
    for (let h = 0; h < rh; h++) {
      const sh = sh0 + h;
      if (sh < 0 || sh >= H) continue;
      const from = (sd * H + sh) * W + sw0;
      const to = (d * rh + h) * rw;
      label.set(whole.label.subarray(from + w0, from + w1), to + w0);
      image.set(whole.image.subarray((from + w0) * C, (from + w1) * C), (to + w0) * C);
    }
  }
  return { image, label, shape: region.size, channels: C };
}
