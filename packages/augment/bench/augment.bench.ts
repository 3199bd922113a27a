/**
 * Patch throughput of the augmentation pipelines in one process (no workers): a BraTS-like case
 * (155 × 240 × 240, 4 channels, a tumour-like labelled blob) cut into 128³ and 64³ patches.
 * Prints, per pipeline and patch size, the median wall time per patch, patches/s from it, patches/s over
 * the whole run (the mean, which includes the occasional expensive transform), and the same two from
 * CPU time (user + system of this process), which other load on a shared machine inflates less.
 *
 *   npm run bench -w @nnunet-ts/augment            (or: npx tsx bench/augment.bench.ts [rounds])
 */
import {
  createPipeline,
  labelObjects,
  Random,
  type AugmentName,
  type Sample,
  type Shape3,
} from '../src/index';

const CASE: Shape3 = [155, 240, 240];
const CHANNELS = 4;
const rounds = Number(process.argv[2] ?? 1);

function bratsLikeCase(): Sample {
  const [D, H, W] = CASE;
  const r = Random.derive(1);
  const image = new Float32Array(D * H * W * CHANNELS);
  const label = new Uint8Array(D * H * W);
  for (let d = 0, i = 0; d < D; d++) {
    for (let h = 0; h < H; h++) {
      for (let w = 0; w < W; w++, i++) {
        const brain = ((d - 77) / 70) ** 2 + ((h - 120) / 95) ** 2 + ((w - 120) / 80) ** 2 < 1;
        const t = Math.hypot(d - 60, h - 100, w - 140);
        label[i] = t < 6 ? 3 : t < 12 ? 1 : t < 20 ? 2 : 0;
        for (let c = 0; c < CHANNELS; c++) image[i * CHANNELS + c] = brain ? r.normal() + 0.3 * label[i] : 0;
      }
    }
  }
  return { image, label, shape: CASE, channels: CHANNELS };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const sample = bratsLikeCase();
let t = performance.now();
const objects = labelObjects(sample.label, sample.shape);
console.log(
  `labelObjects on ${CASE.join('×')}: ${(performance.now() - t).toFixed(0)} ms (once per case, cacheable)`,
);

const runs: { name: AugmentName; patch: Shape3; patches: number }[] = [
  { name: 'nvidia', patch: [128, 128, 128], patches: 40 },
  { name: 'nnunet', patch: [128, 128, 128], patches: 40 },
  { name: 'nvidia', patch: [64, 64, 64], patches: 200 },
  { name: 'nnunet', patch: [64, 64, 64], patches: 200 },
];
console.log(`node ${process.version}, ${CHANNELS} channels, single process, ${rounds} round(s)`);
console.log(
  'pipeline  patch     patches  median ms  patches/s (median)  patches/s (mean)  median CPU ms  patches/s (CPU mean)',
);
for (let round = 0; round < rounds; round++) {
  for (const { name, patch, patches } of runs) {
    const augment = createPipeline(name, { patch });
    for (let i = 0; i < 3; i++) augment(sample, Random.derive(99, i), { objects }); // warm-up (JIT)
    const times: number[] = [];
    const cpu: number[] = [];
    const start = performance.now();
    for (let i = 0; i < patches; i++) {
      t = performance.now();
      const c = process.cpuUsage();
      augment(sample, Random.derive(7, round, i), { objects });
      const used = process.cpuUsage(c);
      times.push(performance.now() - t);
      cpu.push((used.user + used.system) / 1000);
    }
    const total = performance.now() - start;
    const m = median(times);
    console.log(
      [
        name.padEnd(8),
        `${patch[0]}³`.padEnd(8),
        String(patches).padStart(8),
        m.toFixed(1).padStart(10),
        (1000 / m).toFixed(1).padStart(19),
        ((1000 * patches) / total).toFixed(1).padStart(17),
        median(cpu).toFixed(1).padStart(13),
        ((1000 * patches) / cpu.reduce((a, b) => a + b, 0)).toFixed(1).padStart(20),
      ].join('  '),
    );
  }
}
