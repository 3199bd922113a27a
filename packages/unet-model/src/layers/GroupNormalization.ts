import { tf } from '@nnunet-ts/tf-backend';
import { groupNorm } from '../internal/groupNorm';

export interface GroupNormalizationArgs {
  /** channel groups normalised together; each group's statistics are per sample */
  groups: number;
  epsilon?: number;
  name?: string;
}

/**
 * Group normalisation over channels-last tensors with a learned per-channel scale and offset.
 * tfjs-layers has none; registered for serialization so saved models load.
 */
export class GroupNormalization extends tf.layers.Layer {
  static className = 'GroupNormalization';
  protected readonly groups: number;
  private readonly epsilon: number;
  private gamma?: tf.LayerVariable;
  private beta?: tf.LayerVariable;

  constructor({ groups, epsilon = 1e-5, name }: GroupNormalizationArgs) {
    super({ name });
    this.groups = groups;
    this.epsilon = epsilon;
  }

  protected groupsFor(_channels: number): number {
    return this.groups;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShape as tf.Shape;
    const channels = shape[shape.length - 1];
    if (typeof channels !== 'number')
      throw new Error(`${this.name}: the channel axis must have a known size`);
    const groups = this.groupsFor(channels);
    if (channels % groups !== 0) {
      throw new Error(`${this.name}: ${channels} channels cannot be split into ${groups} groups`);
    }
    this.gamma = this.addWeight('gamma', [channels], 'float32', tf.initializers.ones());
    this.beta = this.addWeight('beta', [channels], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    const groups = this.groupsFor(x.shape[x.rank - 1]!);
    return groupNorm(x, this.gamma!.read(), this.beta!.read(), groups, this.epsilon);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), groups: this.groups, epsilon: this.epsilon };
  }
}
tf.serialization.registerClass(GroupNormalization);
