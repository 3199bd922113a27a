import { createHash } from 'node:crypto';
import { preprocessingKey, type ConfigurationPlan } from '@nnunet-ts/plans';

/**
 * A short hash of what preprocessing writes under a configuration plan: its `preprocessingKey` and,
 * since training cases are padded to it, the patch size. Stored with each case, so that a changed
 * plan redoes the case and a plan that only trains differently (batch size, topology) keeps the store.
 */
export function preprocessingHash(plan: ConfigurationPlan): string {
  const padding = `patch ${plan.patchSize.join('x')}`;
  return createHash('sha256')
    .update(`${preprocessingKey(plan)}|${padding}`)
    .digest('hex')
    .slice(0, 16);
}
