import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodePng } from './encodePng';

function randomImage(width: number, height: number, seed: number) {
  const data = new Uint8Array(width * height * 3);
  let state = seed;
  for (let n = 0; n < data.length; n++) {
    state = (state * 1103515245 + 12345) >>> 0;
    data[n] = state >>> 24;
  }
  return { width, height, data };
}

describe('encodePng', () => {
  it.each([
    [1, 1],
    [7, 3],
    [64, 33],
  ])(
    'writes a %i × %i RGB picture that pngjs decodes to the same pixels (its CRCs checked)',
    (width, height) => {
      const image = randomImage(width, height, width * 31 + height);
      const decoded = PNG.sync.read(encodePng(image), { checkCRC: true } as object);
      expect([decoded.width, decoded.height]).toEqual([width, height]);
      const rgb = new Uint8Array(width * height * 3);
      for (let p = 0; p < width * height; p++) rgb.set(decoded.data.subarray(p * 4, p * 4 + 3), p * 3);
      expect(rgb).toEqual(image.data);
      // no transparency in the source: every alpha pngjs reports is opaque
      expect(decoded.data.filter((_, n) => n % 4 === 3).every((a) => a === 255)).toBe(true);
    },
  );

  it('refuses data that does not fit the size', () => {
    expect(() => encodePng({ width: 2, height: 2, data: new Uint8Array(11) })).toThrow(
      /needs 12 bytes, got 11/,
    );
    expect(() => encodePng({ width: 0, height: 2, data: new Uint8Array(0) })).toThrow(/positive integers/);
  });
});
