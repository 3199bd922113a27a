import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv3DWasmConfig } from './kernels/wasm/Conv3D';
import { initBrowserBackend } from './initBrowserBackend';
import { wasmBinariesFolder } from './wasmPaths';

// Node has no WebGL, so `auto` shows the fallback a browser without WebGL takes.
beforeAll(() => {
  tf.env().set('IS_TEST', true);
});

describe('initBrowserBackend', () => {
  it('auto passes over an unavailable WebGL to wasm, with the im2col kernels, and says why', async () => {
    const report = await initBrowserBackend({ wasmPaths: wasmBinariesFolder() });
    expect(report.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(report.attempts.map((a) => [a.backend, a.ok])).toEqual([
      ['webgl', false],
      ['wasm', true],
    ]);
    expect(report.reason).toMatch(/^tfjs-backend-wasm \((no )?SIMD, .*\) \(webgl unavailable: .+\)$/);
    expect(tf.getKernel(tf.Conv3D, 'wasm')).toBe(conv3DWasmConfig);
  });

  it('an explicit choice runs that backend only', async () => {
    const report = await initBrowserBackend({ backend: 'cpu', wasmPaths: wasmBinariesFolder() });
    expect(report).toEqual({
      backend: 'cpu',
      reason: 'tfjs cpu (plain JavaScript)',
      attempts: [{ backend: 'cpu', ok: true, reason: 'tfjs cpu (plain JavaScript)' }],
    });
  });

  it('an unavailable explicit choice throws naming why', async () => {
    await expect(initBrowserBackend({ backend: 'webgl', wasmPaths: '/' })).rejects.toThrow(
      /initBrowserBackend: backend 'webgl' is unavailable \(webgl: /,
    );
  });

  it('rejects an unknown backend naming the choices', async () => {
    await expect(
      initBrowserBackend({ backend: 'webgpu' as never, wasmPaths: wasmBinariesFolder() }),
    ).rejects.toThrow("initBrowserBackend: unknown backend 'webgpu', expected one of auto, webgl, wasm, cpu");
  });
});
