import type { Sample, Shape3 } from '../Sample';

/** A sample whose values come from f(d, h, w, c) and whose label from g(d, h, w). */
export function sampleOf(
  shape: Shape3,
  channels: number,
  f: (d: number, h: number, w: number, c: number) => number,
  g: (d: number, h: number, w: number) => number = () => 0,
): Sample {
  const [D, H, W] = shape;
  const image = new Float32Array(D * H * W * channels);
  const label = new Uint8Array(D * H * W);
  for (let d = 0, i = 0; d < D; d++) {
    for (let h = 0; h < H; h++) {
      for (let w = 0; w < W; w++, i++) {
        label[i] = g(d, h, w);
        for (let c = 0; c < channels; c++) image[i * channels + c] = f(d, h, w, c);
      }
    }
  }
  return { image, label, shape, channels };
}
