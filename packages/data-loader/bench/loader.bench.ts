/**
 * Loader throughput: patches per second from a preprocessed store of BraTS-like cases (155 × 240 × 240,
 * 4 channels, float32, a tumour-like labelled blob), for 128³ and 64³ patches, batch 2, the seed's
 * augmentation, with 0 (in-process), 1 and 2 worker processes. Batches are pulled through toObservable
 * (prefetch 4) by a consumer that releases each batch at once, so the figure is what the loader alone
 * can deliver. The first batches (worker start, objects of each case) are left out of the timing.
 *
 *   npm run bench -w @nnunet-ts/data-loader        (or: npx tsx --conditions=@nnunet-ts/source bench/loader.bench.ts)
 *   options: [augment nvidia|nnunet] [rounds]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Random, type AugmentName } from '@nnunet-ts/augment';
import { lastValueFrom, tap } from 'rxjs';
import { createTrainingLoader, openStoreSource, toObservable, type MemoryCase } from '../src/index';
import { writeStore } from '../src/internal/testing/writeStore';

const CASE: [number, number, number] = [155, 240, 240];
const CHANNELS = 4;
const CASES = 2;
const BATCH = 2;
const WARMUP_BATCHES = 2;
const augment = (process.argv[2] ?? 'nvidia') as AugmentName;
const rounds = Number(process.argv[3] ?? 1);

function bratsLikeCase(k: number): MemoryCase {
  const [D, H, W] = CASE;
  const r = Random.derive(1, k);
  const image = new Float32Array(D * H * W * CHANNELS);
  const label = new Uint8Array(D * H * W);
  for (let d = 0, i = 0; d < D; d++) {
    for (let h = 0; h < H; h++) {
      for (let w = 0; w < W; w++, i++) {
        const brain = ((d - 77) / 70) ** 2 + ((h - 120) / 95) ** 2 + ((w - 120) / 80) ** 2 < 1;
        const t = Math.hypot(d - 60 - 10 * k, h - 100, w - 140);
        label[i] = t < 6 ? 3 : t < 12 ? 1 : t < 20 ? 2 : 0;
        for (let c = 0; c < CHANNELS; c++) image[i * CHANNELS + c] = brain ? r.normal() + 0.3 * label[i] : 0;
      }
    }
  }
  return { id: `brats${k}`, image, label, shape: CASE, channels: CHANNELS };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const dir = await mkdtemp(join(tmpdir(), 'loader-bench-'));
try {
  await writeStore(
    dir,
    Array.from({ length: CASES }, (_, k) => bratsLikeCase(k)),
  );
  const source = await openStoreSource(dir);
  console.log(
    `node ${process.version}, ${CASES} cases ${CASE.join('×')}×${CHANNELS} float32, batch ${BATCH}, ` +
      `augment '${augment}', ${rounds} round(s)`,
  );
  console.log('patch  workers  patches  patches/s  median ms/batch');
  for (const [side, batches] of [
    [128, 8],
    [64, 24],
  ] as const) {
    for (const numWorkers of [0, 1, 2]) {
      const rates: number[] = [];
      const intervals: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const loader = await createTrainingLoader({
          source,
          dim: 3,
          patch: [side, side, side],
          batchSize: BATCH,
          seed: round,
          augment,
          numWorkers,
          stepsPerEpoch: WARMUP_BATCHES + batches,
        });
        let count = 0;
        let start = 0;
        let last = 0;
        await lastValueFrom(
          toObservable(loader.epoch(0), { prefetch: 4 }).pipe(
            tap(({ release }) => {
              const now = performance.now();
              if (++count === WARMUP_BATCHES) start = now;
              if (count > WARMUP_BATCHES) intervals.push(now - last);
              last = now;
              release();
            }),
          ),
        );
        rates.push((batches * BATCH) / ((last - start) / 1000));
        await loader.close();
      }
      console.log(
        `${`${side}³`.padEnd(6)} ${String(numWorkers).padStart(7)}  ${String(batches * BATCH * rounds).padStart(7)}  ` +
          `${median(rates).toFixed(2).padStart(9)}  ${median(intervals).toFixed(0).padStart(15)}`,
      );
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
