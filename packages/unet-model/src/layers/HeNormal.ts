import { tf } from '@nnunet-ts/tf-backend';

// tfjs-layers does not export its Initializer base class, which layers check with instanceof:
// reach it through a built-in initializer.
const InitializerBase = Object.getPrototypeOf(
  tf.initializers.zeros().constructor,
) as typeof tf.serialization.Serializable;

/**
 * He-normal initialisation as the seed: untruncated normal with variance 2 / ((1 + a²) · fan_in),
 * `a` the LeakyReLU slope (tfjs's own 'normal' variance scaling truncates).
 */
export class HeNormal extends InitializerBase {
  static className = 'HeNormal';
  private readonly negativeSlope: number;
  private readonly seed?: number;

  constructor({ negativeSlope = 0.01, seed }: { negativeSlope?: number; seed?: number } = {}) {
    super();
    this.negativeSlope = negativeSlope;
    this.seed = seed;
  }

  apply(shape: number[], dtype?: tf.DataType): tf.Tensor {
    // kernels are [...spatial, in, out]: fan_in is the product of all but the last axis
    const fanIn = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const std = Math.sqrt(2 / ((1 + this.negativeSlope ** 2) * fanIn));
    return tf.randomNormal(shape, 0, std, (dtype as 'float32' | undefined) ?? 'float32', this.seed);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { negativeSlope: this.negativeSlope, ...(this.seed === undefined ? {} : { seed: this.seed }) };
  }
}
tf.serialization.registerClass(HeNormal);
