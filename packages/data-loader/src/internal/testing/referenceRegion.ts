import type { CaseArrays, Region } from '../../CaseSource';

/** The obvious voxel-by-voxel region copy (zeros outside the case), to check the fast readers against. */
export function referenceRegion(whole: CaseArrays, region: Region): { image: number[]; label: number[] } {
  const [D, H, W] = whole.shape;
  const C = whole.channels;
  const image: number[] = [];
  const label: number[] = [];
  for (let d = 0; d < region.size[0]; d++) {
    for (let h = 0; h < region.size[1]; h++) {
      for (let w = 0; w < region.size[2]; w++) {
        const [sd, sh, sw] = [region.start[0] + d, region.start[1] + h, region.start[2] + w];
        const inside = sd >= 0 && sd < D && sh >= 0 && sh < H && sw >= 0 && sw < W;
        const i = (sd * H + sh) * W + sw;
        label.push(inside ? whole.label[i] : 0);
        for (let c = 0; c < C; c++) image.push(inside ? whole.image[i * C + c] : 0);
      }
    }
  }
  return { image, label };
}
