import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { asNativeKernelsModule, installNativeCpuKernels, restoreStockCpuKernels } from './nativeKernels';
import { markerKernel } from './testing/markerKernel';

const atanh = () => tf.tidy(() => Array.from(tf.atanh(tf.tensor1d([0, 0.5])).dataSync()));

beforeAll(async () => {
  tf.env().set('IS_TEST', true);
  await tf.setBackend('cpu');
});

describe('installNativeCpuKernels / restoreStockCpuKernels', () => {
  it('swaps a kernel in, calls its setup once, and restores the very stock config', () => {
    const stock = tf.getKernel(tf.Atanh, 'cpu');
    let setups = 0;
    const replacement = markerKernel(tf.Atanh, 42, () => setups++);
    installNativeCpuKernels([replacement]);
    installNativeCpuKernels([replacement]);
    expect(tf.getKernel(tf.Atanh, 'cpu')).toBe(replacement);
    expect(setups).toBe(1);
    expect(atanh()).toEqual([42, 42]);

    restoreStockCpuKernels();
    expect(tf.getKernel(tf.Atanh, 'cpu')).toBe(stock);
    expect(atanh()[1]).toBeCloseTo(Math.atanh(0.5), 6);
  });

  it('keeps the stock kernel across two different replacements', () => {
    const stock = tf.getKernel(tf.Atanh, 'cpu');
    installNativeCpuKernels([markerKernel(tf.Atanh, 1)]);
    installNativeCpuKernels([markerKernel(tf.Atanh, 2)]);
    expect(atanh()).toEqual([2, 2]);
    restoreStockCpuKernels();
    expect(tf.getKernel(tf.Atanh, 'cpu')).toBe(stock);
  });

  it('removes a kernel that had no stock version', () => {
    installNativeCpuKernels([markerKernel('NnunetTsOnlyNative', 3)]);
    expect(tf.getKernel('NnunetTsOnlyNative', 'cpu')).toBeDefined();
    restoreStockCpuKernels();
    expect(tf.getKernel('NnunetTsOnlyNative', 'cpu')).toBeUndefined();
  });

  it('swaps gradients in and restores the stock gradient, or none where there was none', () => {
    const stock = tf.getGradient(tf.Atanh);
    const gradient = (kernelName: string, value: number): tf.GradConfig => ({
      kernelName,
      gradFunc: (dy) => ({ x: () => tf.fill((dy as tf.Tensor).shape, value) }),
    });
    const atanhGrad = () =>
      tf.tidy(() =>
        Array.from(
          tf
            .grad((t: tf.Tensor) => tf.atanh(t))(tf.tensor1d([0, 0.5]))
            .dataSync(),
        ),
      );
    const replacement = gradient(tf.Atanh, 7);
    installNativeCpuKernels([], [replacement, gradient('NnunetTsOnlyNativeGrad', 8)]);
    installNativeCpuKernels([], [replacement]);
    expect(tf.getGradient(tf.Atanh)).toBe(replacement);
    expect(atanhGrad()).toEqual([7, 7]);

    restoreStockCpuKernels();
    expect(tf.getGradient(tf.Atanh)).toBe(stock);
    expect(tf.getGradient('NnunetTsOnlyNativeGrad')).toBeUndefined();
    expect(atanhGrad()[1]).toBeCloseTo(1 / (1 - 0.25), 5);
  });

  it('rejects a kernel for another backend before changing anything', () => {
    const stock = tf.getKernel(tf.Atanh, 'cpu');
    const wrong = { ...markerKernel(tf.Atanh, 4), backendName: 'wasm' };
    expect(() => installNativeCpuKernels([markerKernel(tf.Atanh, 5), wrong])).toThrow(
      "kernel 'Atanh' targets backend 'wasm', expected 'cpu'",
    );
    expect(tf.getKernel(tf.Atanh, 'cpu')).toBe(stock);
  });
});

describe('asNativeKernelsModule', () => {
  it('says which exports are missing', () => {
    expect(asNativeKernelsModule({})).toBe(
      '@nnunet-ts/kernels-native does not export nativeAddonStatus and nativeKernelConfigs',
    );
    expect(asNativeKernelsModule({ nativeAddonStatus: () => undefined })).toBe(
      '@nnunet-ts/kernels-native does not export nativeKernelConfigs',
    );
  });

  it('accepts a module with both functions', () => {
    const module = {
      nativeAddonStatus: () => ({ available: false, reason: '' }),
      nativeKernelConfigs: () => [],
    };
    expect(asNativeKernelsModule(module)).toBe(module);
  });
});
