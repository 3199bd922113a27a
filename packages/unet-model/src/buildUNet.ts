import { tf } from '@nnunet-ts/tf-backend';
import type { Topology } from '@nnunet-ts/plans';
import { plainConvEncoder } from './internal/plainConvEncoder';
import { residualEncoder } from './internal/residualEncoder';
import { DEEP_SUPERVISION_HEADS, unetDecoder } from './internal/unetDecoder';
import { createUNetLayers, type NormKind } from './internal/unetLayers';

export type { NormKind };

export interface UNetOptions {
  /** kernels, strides and filters per stage, and the network (`networkClassName`, default PlainConvUNet) */
  topology: Topology;
  inChannels: number;
  /** output classes, background included */
  classes: number;
  /** `--norm` (seed default instance) */
  norm?: NormKind;
  /** `--negative-slope` of the LeakyReLU (seed default 0.01) */
  negativeSlope?: number;
  /** `--deep-supervision`: two extra heads on the next two decoder levels, upsampled to full resolution */
  deepSupervision?: boolean;
  /** seed of the weight initialisation; the same seed builds the same weights */
  seed?: number;
  name?: string;
}

/** Conv blocks per decoder stage of the plain U-Net (the seed's and v2's PlainConvUNet's). */
const PLAIN_DECODER_CONVS = 2;

/**
 * The U-Net of the topology's `networkClassName`, inputs and outputs channels-last (`[N, D, H, W, C]`,
 * or `[N, H, W, C]` in 2D), logits out:
 * - `PlainConvUNet` (default), the seed's nnU-Net: per stage two (conv → norm → LeakyReLU), the first
 *   strided for downsampling; transposed-conv upsampling with skip concatenation; a 1×1 output conv.
 * - `ResidualEncoderUNet`, v2's ResEnc: a stem, `nBlocksPerStage` residual blocks per encoder stage
 *   (`BasicBlockD`), the same decoder with `nConvPerStageDecoder` conv blocks per stage.
 */
export function buildUNet(options: UNetOptions): tf.LayersModel {
  const { topology, inChannels, classes, norm = 'instance', negativeSlope = 0.01 } = options;
  const { deepSupervision = false } = options;
  const dim = topology.kernels[0]!.length;
  const stages = topology.strides.length;
  if (dim !== 2 && dim !== 3) throw new Error(`a U-Net is 2D or 3D, the topology has ${dim} axes`);
  if (topology.kernels.length !== stages || topology.filters.length !== stages) {
    throw new Error('topology kernels, strides and filters must have one entry per stage');
  }
  if (deepSupervision && stages < DEEP_SUPERVISION_HEADS + 2) {
    throw new Error(
      `deep supervision needs at least ${DEEP_SUPERVISION_HEADS + 2} stages, the topology has ${stages}`,
    );
  }
  const layers = createUNetLayers({
    dim,
    norm,
    negativeSlope,
    seed: options.seed ?? Math.floor(Math.random() * 2 ** 31),
  });
  const input = tf.input({ shape: [...Array(dim).fill(null), inChannels] });
  let skips: tf.SymbolicTensor[];
  let convsPerStage: readonly number[];
  let defaultName: string;
  if (topology.networkClassName === 'ResidualEncoderUNet') {
    const { nBlocksPerStage, nConvPerStageDecoder } = topology;
    if (nBlocksPerStage.length !== stages || nConvPerStageDecoder.length !== stages - 1) {
      throw new Error(
        `a ResidualEncoderUNet of ${stages} stages needs ${stages} nBlocksPerStage and ${stages - 1} ` +
          `nConvPerStageDecoder, got ${nBlocksPerStage.length} and ${nConvPerStageDecoder.length}`,
      );
    }
    skips = residualEncoder(layers, input, topology);
    convsPerStage = nConvPerStageDecoder;
    defaultName = `resenc_unet${dim}d`;
  } else {
    skips = plainConvEncoder(layers, input, topology);
    convsPerStage = Array<number>(stages - 1).fill(PLAIN_DECODER_CONVS);
    defaultName = `unet${dim}d`;
  }
  const outputs = unetDecoder(layers, skips, topology, { convsPerStage, classes, deepSupervision });
  return tf.model({ inputs: input, outputs, name: options.name ?? defaultName });
}
