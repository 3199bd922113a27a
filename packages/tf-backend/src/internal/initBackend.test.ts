import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackendLoaders } from './BackendLoaders';
import { createBackendInitializer, initBackend } from './initBackend';
import type { NativeAddonStatus } from './nativeKernels';
import { markerKernel } from './testing/markerKernel';

const missing = (name: string) => () => Promise.reject(new Error(`Cannot find package '${name}'`));

function fakeNative(status: NativeAddonStatus, kernels: tf.KernelConfig[] = []) {
  return async () => ({ nativeAddonStatus: () => status, nativeKernelConfigs: () => kernels });
}

const noTensorflow: Pick<BackendLoaders, 'tfjsNodeGpu' | 'tfjsNode'> = {
  tfjsNodeGpu: missing('@tensorflow/tfjs-node-gpu'),
  tfjsNode: missing('@tensorflow/tfjs-node'),
};

const atanh = () => tf.tidy(() => Array.from(tf.atanh(tf.tensor1d([0.5])).dataSync()));

beforeAll(() => {
  tf.env().set('IS_TEST', true);
});

describe('auto selection', () => {
  it('falls through missing tfjs-node packages and unavailable native kernels to wasm, with reasons', async () => {
    const lines: string[] = [];
    const init = createBackendInitializer({
      ...noTensorflow,
      kernelsNative: fakeNative({ available: false, reason: 'addon not built (fake)' }),
    });
    const report = await init({ log: (line) => lines.push(line) });
    expect(report.backend).toBe('wasm');
    expect(report.tfjsBackend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(report.attempts).toEqual([
      {
        backend: 'tfjs-node-gpu',
        ok: false,
        reason: "@tensorflow/tfjs-node-gpu cannot be loaded: Cannot find package '@tensorflow/tfjs-node-gpu'",
      },
      {
        backend: 'tfjs-node',
        ok: false,
        reason: "@tensorflow/tfjs-node cannot be loaded: Cannot find package '@tensorflow/tfjs-node'",
      },
      { backend: 'native', ok: false, reason: 'native kernels unavailable: addon not built (fake)' },
      { backend: 'wasm', ok: true, reason: expect.stringContaining('tfjs-backend-wasm') },
    ]);
    expect(report.reason).toContain('first available of tfjs-node-gpu → tfjs-node → native → wasm → cpu');
    expect(lines).toHaveLength(5);
    expect(lines[2]).toBe(
      'tf-backend: native unavailable: native kernels unavailable: addon not built (fake)',
    );
    expect(lines[4]).toBe("tf-backend: using wasm (tfjs backend 'wasm')");
  });

  it('picks native when kernels-native is available, and cpu afterwards is stock tfjs again', async () => {
    const stock = tf.getKernel(tf.Atanh, 'cpu');
    const replacement = markerKernel(tf.Atanh, 42);
    const init = createBackendInitializer({
      ...noTensorflow,
      kernelsNative: fakeNative({ available: true, reason: 'ok', isa: 'avx2-fma', threads: 2 }, [
        replacement,
      ]),
    });
    const report = await init();
    expect(report.backend).toBe('native');
    expect(report.tfjsBackend).toBe('cpu');
    expect(report.attempts.map((a) => [a.backend, a.ok])).toEqual([
      ['tfjs-node-gpu', false],
      ['tfjs-node', false],
      ['native', true],
    ]);
    expect(report.reason).toContain('kernels-native (avx2-fma, 2 threads) replaces cpu kernels: Atanh');
    expect(atanh()).toEqual([42]);

    const cpu = await init({ backend: 'cpu' });
    expect(cpu).toMatchObject({ backend: 'cpu', tfjsBackend: 'cpu' });
    expect(tf.getKernel(tf.Atanh, 'cpu')).toBe(stock);
    expect(atanh()[0]).toBeCloseTo(Math.atanh(0.5), 6);
  });

  it('reports a kernels-native that exports nothing yet as unavailable', async () => {
    const init = createBackendInitializer({ ...noTensorflow, kernelsNative: async () => ({}) });
    const report = await init({ backend: 'auto' });
    expect(report.attempts[2]).toEqual({
      backend: 'native',
      ok: false,
      reason:
        'native kernels unavailable: @nnunet-ts/kernels-native does not export nativeAddonStatus and nativeKernelConfigs',
    });
  });

  it('with the real loaders, tries the candidates in order and lists a reason for each', async () => {
    const report = await initBackend();
    const order = ['tfjs-node-gpu', 'tfjs-node', 'native', 'wasm', 'cpu'];
    const labels = report.attempts.map((a) => a.backend);
    expect(labels).toEqual(order.slice(0, labels.length));
    expect(report.attempts.slice(0, -1).every((a) => !a.ok && a.reason.length > 0)).toBe(true);
    expect(report.attempts.at(-1)?.ok).toBe(true);
    expect(report.tfjsBackend).toBe(tf.getBackend());
    // The libtensorflow packages cannot be installed on machines without Google's storage host.
    const resolvable = (name: string) => {
      try {
        createRequire(import.meta.url).resolve(name);
        return true;
      } catch {
        return false;
      }
    };
    if (!resolvable('@tensorflow/tfjs-node-gpu')) {
      expect(report.attempts[0].reason).toContain('@tensorflow/tfjs-node-gpu cannot be loaded');
    }
  });
});

describe('explicit choices', () => {
  it('an unavailable native backend throws with the reason from kernels-native', async () => {
    const init = createBackendInitializer({
      ...noTensorflow,
      kernelsNative: fakeNative({ available: false, reason: 'no AVX2 on this CPU (fake)' }),
    });
    await expect(init({ backend: 'native' })).rejects.toThrow(
      "initBackend: backend 'native' is unavailable (native: native kernels unavailable: no AVX2 on this CPU (fake))",
    );
  });

  it('a kernels-native that throws while handing out its kernels is unavailable, with its message', async () => {
    const init = createBackendInitializer({
      ...noTensorflow,
      kernelsNative: async () => ({
        nativeAddonStatus: () => ({ available: true, reason: 'ok' }),
        nativeKernelConfigs: () => {
          throw new Error('addon built for another Node ABI (fake)');
        },
      }),
    });
    await expect(init({ backend: 'native' })).rejects.toThrow(
      'native kernels unavailable: addon built for another Node ABI (fake)',
    );
  });

  it('an unavailable tensorflow backend throws naming both tfjs-node packages', async () => {
    const init = createBackendInitializer({ ...noTensorflow, kernelsNative: async () => ({}) });
    const failure = init({ backend: 'tensorflow' });
    await expect(failure).rejects.toThrow(
      /tfjs-node-gpu: .*Cannot find package.*; tfjs-node: .*Cannot find package/,
    );
  });

  it('a tfjs-node that loads without registering a tensorflow backend is refused', async () => {
    const init = createBackendInitializer({
      tfjsNodeGpu: async () => ({}),
      tfjsNode: missing('@tensorflow/tfjs-node'),
      kernelsNative: async () => ({}),
    });
    const report = await init();
    expect(report.attempts[0].reason).toContain("registered no 'tensorflow' backend");
  });

  it('an unknown choice throws listing the valid ones', async () => {
    await expect(initBackend({ backend: 'gpu' as never })).rejects.toThrow(
      "initBackend: unknown backend 'gpu', expected one of auto, tensorflow, native, wasm, cpu",
    );
  });

  it('is idempotent: the same call twice gives the same backend and leaves no tensors behind', async () => {
    const first = await initBackend({ backend: 'wasm' });
    const tensors = tf.memory().numTensors;
    const second = await initBackend({ backend: 'wasm' });
    expect(second).toEqual(first);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.getGradient(tf.Conv3DBackpropInputV2)).toBeDefined();
  });

  it('serialises concurrent calls: the last one wins', async () => {
    const [a, b] = await Promise.all([initBackend({ backend: 'wasm' }), initBackend({ backend: 'cpu' })]);
    expect([a.tfjsBackend, b.tfjsBackend]).toEqual(['wasm', 'cpu']);
    expect(tf.getBackend()).toBe('cpu');
  });
});
