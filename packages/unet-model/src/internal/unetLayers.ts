import { tf } from '@nnunet-ts/tf-backend';
import { GroupNormalization } from '../layers/GroupNormalization';
import { HeNormal } from '../layers/HeNormal';
import { InstanceNormalization } from '../layers/InstanceNormalization';

export type NormKind = 'instance' | 'batch' | 'group' | 'none';

type Tensor = tf.SymbolicTensor;

export interface UNetLayersOptions {
  dim: 2 | 3;
  norm: NormKind;
  negativeSlope: number;
  /** seed of the first convolution's weights; each further convolution takes the next */
  seed: number;
}

/** The pieces both networks are built from, applied to symbolic tensors in the order they are called. */
export interface UNetLayers {
  readonly dim: 2 | 3;
  /** conv → norm → LeakyReLU */
  convNormAct(x: Tensor, filters: number, kernel: number[], strides: number[]): Tensor;
  /**
   * conv → norm, no activation (before a residual sum); `zeroNorm` starts the norm's scale and offset
   * at 0, so that the branch adds nothing until trained (v2's `init_last_bn_before_add_to_0`)
   */
  convNorm(x: Tensor, filters: number, kernel: number[], strides: number[], zeroNorm?: boolean): Tensor;
  /** transposed conv with kernel = stride and a bias */
  upConv(x: Tensor, filters: number, strides: number[]): Tensor;
  averagePool(x: Tensor, strides: number[]): Tensor;
  add(a: Tensor, b: Tensor): Tensor;
  concat(a: Tensor, b: Tensor): Tensor;
  leakyReLU(x: Tensor): Tensor;
  /** 1×1 conv with a bias: the logits of `classes` */
  head(x: Tensor, classes: number): Tensor;
}

/**
 * The layers of the seed's U-Net: convs without a bias unless no norm follows, He-normal weights
 * (untruncated, variance 2/((1 + a²)·fan_in)), `norm` layers, LeakyReLU of `negativeSlope`.
 */
export function createUNetLayers({ dim, norm, negativeSlope, seed }: UNetLayersOptions): UNetLayers {
  let nextSeed = seed;
  // HeNormal is a tfjs Initializer at run time; the base class is not exported, so its type is restated.
  const initializer = () =>
    new HeNormal({ negativeSlope, seed: nextSeed++ }) as unknown as ReturnType<typeof tf.initializers.zeros>;
  const apply = (layer: tf.layers.Layer, x: Tensor | Tensor[]) => layer.apply(x) as Tensor;
  const conv = (x: Tensor, filters: number, kernelSize: number[], strides: number[], useBias: boolean) => {
    const args = {
      filters,
      kernelSize,
      strides,
      padding: 'same' as const,
      useBias,
      kernelInitializer: initializer(),
    };
    return apply(dim === 3 ? tf.layers.conv3d(args) : tf.layers.conv2d(args), x);
  };
  const normLayer = (channels: number): tf.layers.Layer | undefined => {
    switch (norm) {
      case 'instance':
        return new InstanceNormalization();
      case 'group':
        return new GroupNormalization({ groups: Math.min(32, channels) });
      case 'batch':
        return tf.layers.batchNormalization({ epsilon: 1e-5, momentum: 0.9 });
      case 'none':
        return undefined;
      default:
        throw new Error(`unknown norm '${String(norm)}', expected instance, batch, group or none`);
    }
  };
  const convNorm = (x: Tensor, filters: number, kernel: number[], strides: number[], zeroNorm = false) => {
    const y = conv(x, filters, kernel, strides, norm === 'none');
    const layer = normLayer(filters);
    if (!layer) return y;
    const normalized = apply(layer, y);
    // the scale and offset are the trainable weights of every norm (batch norm's moving statistics are not)
    if (zeroNorm) tf.tidy(() => layer.trainableWeights.forEach((w) => w.write(tf.zerosLike(w.read()))));
    return normalized;
  };
  const leakyReLU = (x: Tensor) => apply(tf.layers.leakyReLU({ alpha: negativeSlope }), x);
  return {
    dim,
    convNormAct: (x, filters, kernel, strides) => leakyReLU(convNorm(x, filters, kernel, strides)),
    convNorm,
    upConv: (x, filters, strides) => {
      const args = {
        filters,
        kernelSize: strides,
        strides,
        padding: 'same' as const,
        kernelInitializer: initializer(),
      };
      return apply(dim === 3 ? tf.layers.conv3dTranspose(args) : tf.layers.conv2dTranspose(args), x);
    },
    averagePool: (x, strides) => {
      // tfjs types the pool size as a tuple of the dimension; the topology's entries have that length
      const window = strides as [number, number, number] & [number, number];
      const args = { poolSize: window, strides: window, padding: 'valid' as const };
      return apply(dim === 3 ? tf.layers.averagePooling3d(args) : tf.layers.averagePooling2d(args), x);
    },
    add: (a, b) => apply(tf.layers.add(), [a, b]),
    concat: (a, b) => apply(tf.layers.concatenate({ axis: -1 }), [a, b]),
    leakyReLU,
    head: (x, classes) => conv(x, classes, Array(dim).fill(1), Array(dim).fill(1), true),
  };
}
