import { describe, expect, it, vi } from 'vitest';
import { captureIo } from '../internal/captureIo.fixture';
import type { InfoReport } from './info';

// A machine where the requested backend cannot start: initBackend throws, naming why.
vi.mock('@nnunet-ts/tf-backend', () => ({
  tf: { version: { tfjs: '4.22.0' } },
  initBackend: vi.fn(async (options: { backend: string }) => {
    throw new Error(`initBackend: backend '${options.backend}' is unavailable (tfjs-node: not installed)`);
  }),
}));

describe('nnunet info when the backend is unavailable', () => {
  it('still prints the versions, says why, and exits 1', async () => {
    const { run } = await import('../internal/run');
    const { io, out } = captureIo();
    expect(await run(['info', '--backend', 'tensorflow'], io)).toBe(1);
    expect(out.stdout).toContain('tfjs       4.22.0\n');
    expect(out.stdout).toContain('backend    unavailable (requested tensorflow)\n');
    expect(out.stdout).toContain(
      "why        initBackend: backend 'tensorflow' is unavailable (tfjs-node: not installed)\n",
    );

    const json = captureIo();
    expect(await run(['info', '--backend', 'tensorflow', '--json'], json.io)).toBe(1);
    expect((JSON.parse(json.out.stdout) as InfoReport).backend).toEqual({
      requested: 'tensorflow',
      ok: false,
      error: "initBackend: backend 'tensorflow' is unavailable (tfjs-node: not installed)",
    });
  });
});
