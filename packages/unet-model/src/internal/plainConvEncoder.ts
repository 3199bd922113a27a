import type { tf } from '@nnunet-ts/tf-backend';
import type { Topology } from '@nnunet-ts/plans';
import type { UNetLayers } from './unetLayers';

/**
 * v2's `PlainConvEncoder` with two convs per stage, as the seed: per stage conv → norm → LeakyReLU
 * twice, the first strided. Returns every stage's output, full resolution first, bottleneck last.
 */
export function plainConvEncoder(
  layers: UNetLayers,
  input: tf.SymbolicTensor,
  { kernels, strides, filters }: Topology,
): tf.SymbolicTensor[] {
  const ones = Array<number>(layers.dim).fill(1);
  const skips: tf.SymbolicTensor[] = [];
  let x = input;
  strides.forEach((stride, stage) => {
    x = layers.convNormAct(x, filters[stage]!, kernels[stage]!, stride);
    x = layers.convNormAct(x, filters[stage]!, kernels[stage]!, ones);
    skips.push(x);
  });
  return skips;
}
