import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

import {
  loadNativeAddon,
  nativeAddonFile,
  nativeAddonStatus,
  requireNativeAddon,
  setNativeThreads,
} from './nativeAddon';

const addon = loadNativeAddon();

/** The addon's status in a fresh process with the given environment (the env is read at load time). */
function statusWithEnv(env: Record<string, string>): { isa: string; threads: number } {
  const script = `process.stdout.write(JSON.stringify(require(${JSON.stringify(nativeAddonFile())}).status()))`;
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script], { env: { ...process.env, ...env }, encoding: 'utf8' }),
  );
}

describe('nativeAddonStatus', () => {
  it('agrees with whether the addon loaded, and says why', () => {
    const status = nativeAddonStatus();
    expect(status.available).toBe(addon !== undefined);
    expect(status.reason).toContain('nnunet_kernels.node');
    if (status.available) {
      expect(['avx2-fma', 'scalar']).toContain(status.isa);
      expect(status.threads).toBeGreaterThanOrEqual(1);
    } else {
      expect(() => requireNativeAddon()).toThrow(/native addon is unavailable/);
    }
  });
});

describe('setNativeThreads', () => {
  it('rejects counts that are not positive integers', () => {
    expect(() => setNativeThreads(0)).toThrow(RangeError);
    expect(() => setNativeThreads(1.5)).toThrow(/integer >= 1/);
  });

  it.skipIf(!addon)('changes the thread count the kernels report', () => {
    const before = nativeAddonStatus().threads!;
    try {
      setNativeThreads(1);
      expect(nativeAddonStatus().threads).toBe(1);
      setNativeThreads(3);
      expect(nativeAddonStatus().threads).toBe(3);
    } finally {
      setNativeThreads(before);
    }
  });
});

describe.skipIf(!addon)('environment variables', () => {
  it('NNUNET_NUM_THREADS sets the pool size and NNUNET_FORCE_SCALAR the scalar path', () => {
    expect(statusWithEnv({ NNUNET_NUM_THREADS: '3', NNUNET_FORCE_SCALAR: '1' })).toMatchObject({
      isa: 'scalar',
      threads: 3,
    });
    const defaults = statusWithEnv({ NNUNET_NUM_THREADS: '', NNUNET_FORCE_SCALAR: '0' });
    expect(defaults.isa).toBe(addon!.status().cpuHasAvx2Fma ? 'avx2-fma' : 'scalar');
    expect(defaults.threads).toBeGreaterThanOrEqual(1);
  });
});
