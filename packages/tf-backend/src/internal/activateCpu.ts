import { setBackend } from '@tensorflow/tfjs';
import type { Activation } from './Activation';
import { restoreStockCpuKernels } from './nativeKernels';

/** Stock tfjs cpu backend (pure JS kernels), with any native replacements taken out again. */
export async function activateCpu(): Promise<Activation> {
  restoreStockCpuKernels();
  if (!(await setBackend('cpu'))) return { ok: false, reason: "tf.setBackend('cpu') failed" };
  return { ok: true, reason: 'stock tfjs cpu backend (pure JS kernels)' };
}
