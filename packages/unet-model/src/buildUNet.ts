import { tf } from '@nnunet-ts/tf-backend';
import { totalStrides, type Topology } from '@nnunet-ts/plans';
import { GroupNormalization } from './layers/GroupNormalization';
import { HeNormal } from './layers/HeNormal';
import { InstanceNormalization } from './layers/InstanceNormalization';
import { NearestUpsampling } from './layers/NearestUpsampling';

export type NormKind = 'instance' | 'batch' | 'group' | 'none';

export interface UNetOptions {
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

/** Heads the seed adds with deep supervision (decoder levels 2 and 3 from the top). */
const DEEP_SUPERVISION_HEADS = 2;

/**
 * The nnU-Net of the seed: per stage two (conv → norm → LeakyReLU), the first strided for
 * downsampling; transposed-conv upsampling with skip concatenation; a 1×1 output conv. Inputs and
 * outputs are channels-last (`[N, D, H, W, C]`, or `[N, H, W, C]` in 2D); the outputs are logits.
 */
export function buildUNet(options: UNetOptions): tf.LayersModel {
  const {
    topology,
    inChannels,
    classes,
    norm = 'instance',
    negativeSlope = 0.01,
    deepSupervision = false,
  } = options;
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
  let seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  // HeNormal is a tfjs Initializer at run time; the base class is not exported, so its type is restated.
  const initializer = () =>
    new HeNormal({ negativeSlope, seed: seed++ }) as unknown as ReturnType<typeof tf.initializers.zeros>;
  const conv = (filters: number, kernelSize: number[], strides: number[], useBias: boolean) =>
    dim === 3
      ? tf.layers.conv3d({
          filters,
          kernelSize,
          strides,
          padding: 'same',
          useBias,
          kernelInitializer: initializer(),
        })
      : tf.layers.conv2d({
          filters,
          kernelSize,
          strides,
          padding: 'same',
          useBias,
          kernelInitializer: initializer(),
        });
  const upConv = (filters: number, strides: number[]) =>
    dim === 3
      ? tf.layers.conv3dTranspose({
          filters,
          kernelSize: strides,
          strides,
          padding: 'same',
          kernelInitializer: initializer(),
        })
      : tf.layers.conv2dTranspose({
          filters,
          kernelSize: strides,
          strides,
          padding: 'same',
          kernelInitializer: initializer(),
        });
  const normalize = (x: tf.SymbolicTensor, channels: number): tf.SymbolicTensor => {
    switch (norm) {
      case 'instance':
        return new InstanceNormalization().apply(x) as tf.SymbolicTensor;
      case 'group':
        return new GroupNormalization({ groups: Math.min(32, channels) }).apply(x) as tf.SymbolicTensor;
      case 'batch':
        return tf.layers.batchNormalization({ epsilon: 1e-5, momentum: 0.9 }).apply(x) as tf.SymbolicTensor;
      case 'none':
        return x;
      default:
        throw new Error(`unknown norm '${String(norm)}', expected instance, batch, group or none`);
    }
  };
  const convNormAct = (x: tf.SymbolicTensor, filters: number, kernel: number[], strides: number[]) => {
    const y = conv(filters, kernel, strides, norm === 'none').apply(x) as tf.SymbolicTensor;
    return tf.layers.leakyReLU({ alpha: negativeSlope }).apply(normalize(y, filters)) as tf.SymbolicTensor;
  };
  const block = (x: tf.SymbolicTensor, stage: number, strides: number[]) => {
    const filters = topology.filters[stage]!;
    const kernel = topology.kernels[stage]!;
    return convNormAct(convNormAct(x, filters, kernel, strides), filters, kernel, Array(dim).fill(1));
  };

  const input = tf.input({ shape: [...Array(dim).fill(null), inChannels] });
  const skips: tf.SymbolicTensor[] = [];
  let x = input;
  for (let stage = 0; stage < stages; stage++) {
    x = block(x, stage, topology.strides[stage]!);
    skips.push(x);
  }
  const decoderOutputs: { tensor: tf.SymbolicTensor; stage: number }[] = [];
  for (let stage = stages - 2; stage >= 0; stage--) {
    const up = upConv(topology.filters[stage]!, topology.strides[stage + 1]!).apply(x) as tf.SymbolicTensor;
    x = tf.layers.concatenate({ axis: -1 }).apply([up, skips[stage]!]) as tf.SymbolicTensor;
    x = block(x, stage, Array(dim).fill(1));
    decoderOutputs.push({ tensor: x, stage });
  }
  const head = () => conv(classes, Array(dim).fill(1), Array(dim).fill(1), true);
  const outputs: tf.SymbolicTensor[] = [head().apply(x) as tf.SymbolicTensor];
  if (deepSupervision) {
    // the decoder outputs one and two levels above the top, upsampled by their cumulative strides
    for (const { tensor, stage } of decoderOutputs.slice(-1 - DEEP_SUPERVISION_HEADS, -1).reverse()) {
      const factors = totalStrides(topology.strides.slice(0, stage + 1));
      const logits = head().apply(tensor) as tf.SymbolicTensor;
      outputs.push(new NearestUpsampling({ factors }).apply(logits) as tf.SymbolicTensor);
    }
  }
  return tf.model({ inputs: input, outputs, name: options.name ?? `unet${dim}d` });
}
