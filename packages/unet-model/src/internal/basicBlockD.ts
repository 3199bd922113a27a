import type { tf } from '@nnunet-ts/tf-backend';
import type { UNetLayers } from './unetLayers';

/**
 * v2's `BasicBlockD` (ResNet-D): conv → norm → LeakyReLU → conv → norm, plus the skip, then LeakyReLU.
 * The first conv carries the stride. The skip is the input itself, or, when the stride or the channels
 * change, average pooling by the stride (ResNet-D's choice: no information dropped by a strided 1×1)
 * and a 1×1 conv → norm to `filters`. The second norm starts at zero, so the block starts as its skip.
 */
export function basicBlockD(
  layers: UNetLayers,
  x: tf.SymbolicTensor,
  filters: number,
  kernel: number[],
  stride: number[],
): tf.SymbolicTensor {
  const ones = Array<number>(layers.dim).fill(1);
  const residual = layers.convNorm(
    layers.convNormAct(x, filters, kernel, stride),
    filters,
    kernel,
    ones,
    true,
  );
  let skip = x;
  if (stride.some((s) => s !== 1)) skip = layers.averagePool(skip, stride);
  if (x.shape.at(-1) !== filters) skip = layers.convNorm(skip, filters, ones, ones);
  return layers.leakyReLU(layers.add(residual, skip));
}
