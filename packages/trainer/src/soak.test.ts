import { describe, expect, it } from 'vitest';
import { soakTraining } from './testing/soakTraining';

// CI's smoke run of the soak: 300 steps (the full run is `npm run soak -w @nnunet-ts/trainer`,
// 2,000 steps). From step 100 on, nothing may grow with the steps.
describe('a long training run (smoke: 300 steps)', () => {
  it('holds a constant number of tensors and files, and its memory stays flat', async () => {
    const samples = await soakTraining({ steps: 300, every: 50, stepsPerEpoch: 50, numWorkers: 1 });
    const settled = samples.filter((s) => s.step >= 100);
    expect(settled.map((s) => s.step)).toEqual([100, 150, 200, 250, 300]);
    expect(new Set(settled.map((s) => s.tensors)).size, JSON.stringify(settled)).toBe(1);
    expect(new Set(settled.map((s) => s.openFiles)).size, JSON.stringify(settled)).toBe(1);
    for (const key of ['rssMiB', 'heapMiB'] as const) {
      expect(settled.at(-1)![key] / settled[0]![key] - 1, JSON.stringify(settled)).toBeLessThan(0.05);
    }
  }, 300_000);
});
