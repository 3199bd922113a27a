import { describe, expect, it, vi } from 'vitest';
import { captureIo } from '../internal/captureIo.fixture';

// An unbuilt or outdated @nnunet-ts/tf-backend whose build does not export these yet.
vi.mock('@nnunet-ts/tf-backend', () => ({ initBackend: undefined, tf: undefined }));

describe('nnunet info with a tf-backend build that lacks initBackend', () => {
  it('says what is missing and how to fix it instead of crashing', async () => {
    const { run } = await import('../internal/run');
    const { io, out } = captureIo();
    expect(await run(['info'], io)).toBe(1);
    expect(out.stdout).toContain('tfjs       unknown\n');
    expect(out.stdout).toContain(
      'why        @nnunet-ts/tf-backend does not export initBackend and tf here: build it (npx nx run tf-backend:build)\n',
    );
  });
});
