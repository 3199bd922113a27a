import { findBackendFactory, setBackend } from '@tensorflow/tfjs';
import type { Activation } from './Activation';
import { errorMessage } from './errorMessage';
import { yieldFileRoutingToTfjsNode } from './io/fileRouter';

/** Loads tfjs-node or tfjs-node-gpu (libtensorflow bindings) and switches to its `tensorflow` backend. */
export async function activateTensorflow(
  packageName: string,
  load: () => Promise<unknown>,
): Promise<Activation> {
  try {
    await load();
  } catch (error) {
    return { ok: false, reason: `${packageName} cannot be loaded: ${firstLine(errorMessage(error))}` };
  }
  if (findBackendFactory('tensorflow') == null) {
    return {
      ok: false,
      reason: `${packageName} loaded but registered no 'tensorflow' backend with this @tensorflow/tfjs (two copies of tfjs-core installed?)`,
    };
  }
  if (!(await setBackend('tensorflow'))) {
    return { ok: false, reason: `${packageName} loaded but tf.setBackend('tensorflow') failed` };
  }
  yieldFileRoutingToTfjsNode();
  return { ok: true, reason: `${packageName} loaded (libtensorflow)` };
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
