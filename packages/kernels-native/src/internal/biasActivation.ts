import type { backend_util } from '@tensorflow/tfjs-core';

/** Activation codes of native/bias_activation.h; prelu is not among them (its weights broadcast freely). */
const CODES: Partial<Record<backend_util.Activation, number>> = {
  linear: 0,
  relu: 1,
  relu6: 2,
  elu: 3,
  sigmoid: 4,
  leakyrelu: 5,
};

/** The addon's code for a fused activation (none means linear), or undefined when it has none. */
export function activationCode(activation: backend_util.Activation | undefined | null): number | undefined {
  return CODES[activation ?? 'linear'];
}
