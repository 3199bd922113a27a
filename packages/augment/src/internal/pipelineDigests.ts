/**
 * Test fixture shared by pipelines.test.ts and the fresh process it starts: patches of both pipelines on a
 * case rebuilt from a seed, reduced to digests, so two processes can compare their output bit for bit.
 */
import { createPipeline } from '../createPipeline';
import { Random } from '../random';
import type { Sample } from '../Sample';
import { sampleOf } from './sampleOf';

/** A two-channel case with two classes, built from a seeded stream. */
export function syntheticCase(): Sample {
  const r = Random.derive(2024);
  return sampleOf(
    [30, 34, 38],
    2,
    (d, _h, _w, c) => Math.sin(d / 4 + c) + 0.1 * r.float(),
    (d, h, w) => (Math.hypot(d - 12, h - 20, w - 25) < 5 ? 1 : Math.hypot(d - 22, h - 9, w - 9) < 3 ? 2 : 0),
  );
}

/** 64-bit FNV-1a (as two 32-bit halves) of the image bytes, label and shape. */
export function digest(s: Sample): string {
  const bytes = [new Uint8Array(s.image.buffer, s.image.byteOffset, s.image.byteLength), s.label];
  let lo = 0x84222325;
  let hi = 0xcbf29ce4;
  for (const part of bytes) {
    for (let i = 0; i < part.length; i++) {
      lo ^= part[i];
      // Multiply the 64-bit state by the FNV prime 2^40 + 0x1b3, in 32-bit halves.
      const l = lo * 0x1b3;
      const h = hi * 0x1b3 + (lo << 8) + Math.floor(l / 4294967296);
      lo = l >>> 0;
      hi = h >>> 0;
    }
  }
  return `${hi.toString(16).padStart(8, '0')}${lo.toString(16).padStart(8, '0')}:${s.shape.join('x')}`;
}

/** Digests of 40 patches from each pipeline, enough for every transform to fire in some of them. */
export function digests(): string[] {
  const sample = syntheticCase();
  return (['nvidia', 'nnunet'] as const).flatMap((name) => {
    const augment = createPipeline(name, { patch: [16, 20, 24] });
    return Array.from({ length: 40 }, (_, i) => digest(augment(sample, Random.derive(77, i))));
  });
}
