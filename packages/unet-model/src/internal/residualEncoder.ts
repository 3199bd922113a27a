import type { tf } from '@nnunet-ts/tf-backend';
import type { ResidualEncoderTopology } from '@nnunet-ts/plans';
import { basicBlockD } from './basicBlockD';
import type { UNetLayers } from './unetLayers';

/**
 * v2's `ResidualEncoder`: a stem (one conv → norm → LeakyReLU to the first stage's filters, stride 1),
 * then per stage `nBlocksPerStage[s]` residual blocks, the first strided. Returns every stage's
 * output, full resolution first, bottleneck last.
 */
export function residualEncoder(
  layers: UNetLayers,
  input: tf.SymbolicTensor,
  { kernels, strides, filters, nBlocksPerStage }: ResidualEncoderTopology,
): tf.SymbolicTensor[] {
  const ones = Array<number>(layers.dim).fill(1);
  const skips: tf.SymbolicTensor[] = [];
  let x = layers.convNormAct(input, filters[0]!, kernels[0]!, ones);
  strides.forEach((stride, stage) => {
    for (let block = 0; block < nBlocksPerStage[stage]!; block++) {
      x = basicBlockD(layers, x, filters[stage]!, kernels[stage]!, block === 0 ? stride : ones);
    }
    skips.push(x);
  });
  return skips;
}
