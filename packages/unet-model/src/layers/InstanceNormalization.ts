import { tf } from '@nnunet-ts/tf-backend';
import { GroupNormalization } from './GroupNormalization';

/**
 * Instance normalisation (affine, ε 1e-5 as nnU-Net): group normalisation with one channel per
 * group, statistics over the spatial axes of each sample and channel.
 */
export class InstanceNormalization extends GroupNormalization {
  static override className = 'InstanceNormalization';

  constructor({ epsilon = 1e-5, name }: { epsilon?: number; name?: string } = {}) {
    super({ groups: 0, epsilon, name });
  }

  protected override groupsFor(channels: number): number {
    return channels;
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { groups: _groups, ...config } = super.getConfig();
    return config;
  }
}
tf.serialization.registerClass(InstanceNormalization);
