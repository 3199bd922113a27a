import { tf } from '@nnunet-ts/tf-backend';

/**
 * Nearest-neighbour upsampling of a channels-last tensor by an integer factor per spatial axis
 * (tfjs-layers has no UpSampling3D). Used to bring deep-supervision heads to full resolution.
 */
export class NearestUpsampling extends tf.layers.Layer {
  static className = 'NearestUpsampling';
  private readonly factors: number[];

  constructor({ factors, name }: { factors: number[]; name?: string }) {
    super({ name });
    this.factors = factors;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = inputShape as tf.Shape;
    return shape.map((size, axis) =>
      axis === 0 || axis === shape.length - 1 || size === null ? size : size * this.factors[axis - 1]!,
    );
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      let x = Array.isArray(inputs) ? inputs[0]! : inputs;
      this.factors.forEach((factor, i) => {
        if (factor === 1) return;
        const axis = i + 1;
        // repeat every element `factor` times along `axis`: stack copies next to it, then merge
        const shape = [...x.shape];
        shape[axis] = shape[axis]! * factor;
        x = tf.stack(Array(factor).fill(x), axis + 1).reshape(shape);
      });
      return x;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), factors: this.factors };
  }
}
tf.serialization.registerClass(NearestUpsampling);
