import type { tf } from '@nnunet-ts/tf-backend';
import { totalStrides, type Topology } from '@nnunet-ts/plans';
import { NearestUpsampling } from '../layers/NearestUpsampling';
import type { UNetLayers } from './unetLayers';

/** Heads the seed adds with deep supervision (decoder levels 2 and 3 from the top). */
export const DEEP_SUPERVISION_HEADS = 2;

export interface UNetDecoderOptions {
  /** conv → norm → LeakyReLU blocks of each decoder stage, from the bottleneck up */
  convsPerStage: readonly number[];
  classes: number;
  deepSupervision: boolean;
}

/**
 * v2's `UNetDecoder`, shared by both networks: per stage from the bottleneck up, a transposed conv to
 * the skip's filters, concatenation with the skip, `convsPerStage[i]` conv blocks; then the 1×1 head.
 * With deep supervision, as the seed, the heads of the decoder levels one and two steps above the
 * top follow, upsampled (nearest) by their cumulative strides to full resolution.
 */
export function unetDecoder(
  layers: UNetLayers,
  skips: readonly tf.SymbolicTensor[],
  { kernels, strides, filters }: Topology,
  { convsPerStage, classes, deepSupervision }: UNetDecoderOptions,
): tf.SymbolicTensor[] {
  const ones = Array<number>(layers.dim).fill(1);
  const levels: { tensor: tf.SymbolicTensor; stage: number }[] = [];
  let x = skips.at(-1)!;
  for (let stage = skips.length - 2; stage >= 0; stage--) {
    x = layers.concat(layers.upConv(x, filters[stage]!, strides[stage + 1]!), skips[stage]!);
    for (let conv = 0; conv < convsPerStage[levels.length]!; conv++) {
      x = layers.convNormAct(x, filters[stage]!, kernels[stage]!, ones);
    }
    levels.push({ tensor: x, stage });
  }
  const outputs = [layers.head(x, classes)];
  if (deepSupervision) {
    for (const { tensor, stage } of levels.slice(-1 - DEEP_SUPERVISION_HEADS, -1).reverse()) {
      const factors = totalStrides(strides.slice(0, stage + 1));
      outputs.push(
        new NearestUpsampling({ factors }).apply(layers.head(tensor, classes)) as tf.SymbolicTensor,
      );
    }
  }
  return outputs;
}
