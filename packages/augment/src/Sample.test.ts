import { describe, expect, it } from 'vitest';
import { createSample } from './Sample';

describe('createSample', () => {
  const ok = {
    image: new Float32Array(24),
    label: new Uint8Array(12),
    shape: [2, 3, 2] as const,
    channels: 2,
  };

  it('returns a consistent sample as is', () => {
    expect(createSample(ok)).toBe(ok);
  });

  it('names the part that is wrong', () => {
    expect(() => createSample({ ...ok, image: new Float64Array(24) as never })).toThrow(
      /sample.image: expected a Float32Array, got Float64Array/,
    );
    expect(() => createSample({ ...ok, label: new Int8Array(12) as never }, 'patch')).toThrow(
      /patch.label: expected a Uint8Array/,
    );
    expect(() => createSample({ ...ok, shape: [2, 3] as never })).toThrow(
      /sample.shape: expected \[D, H, W\]/,
    );
    expect(() => createSample({ ...ok, channels: 0 })).toThrow(/sample.channels/);
    expect(() => createSample({ ...ok, label: new Uint8Array(11) })).toThrow(/needs 12 elements, got 11/);
    expect(() => createSample({ ...ok, channels: 3 })).toThrow(/x 3 channel\(s\) needs 36 elements, got 24/);
  });
});
