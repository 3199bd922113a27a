import type { Shape3 } from '@nnunet-ts/augment';
import type { MemoryCase } from '../../memorySource';

export interface Blob {
  readonly center: readonly [number, number, number];
  readonly radius: number;
  readonly label: number;
}

/**
 * A case with spherical labelled blobs; image channel c at voxel i is a fixed function of (i, c, label),
 * so patches from different places and cases differ.
 */
export function syntheticCase(
  id: string,
  shape: Shape3,
  channels: number,
  blobs: readonly Blob[] = [],
): MemoryCase {
  const [D, H, W] = shape;
  const image = new Float32Array(D * H * W * channels);
  const label = new Uint8Array(D * H * W);
  for (let d = 0, i = 0; d < D; d++) {
    for (let h = 0; h < H; h++) {
      for (let w = 0; w < W; w++, i++) {
        for (const b of blobs) {
          if (Math.hypot(d - b.center[0], h - b.center[1], w - b.center[2]) <= b.radius) label[i] = b.label;
        }
        for (let c = 0; c < channels; c++) {
          image[i * channels + c] = Math.sin(0.37 * i + 1.3 * c + id.length) + label[i];
        }
      }
    }
  }
  return { id, image, label, shape, channels };
}
