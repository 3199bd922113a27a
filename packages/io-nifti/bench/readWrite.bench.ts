// Benchmark (not a test): read and write throughput on the largest shared NIfTI files, in MB/s of
// decompressed NIfTI bytes, with Node's plain gunzip/gzip and nifti-reader-js measured in the same run.
// Run: npm run bench -w @nnunet-ts/io-nifti   (needs ../shared/data beside the repository)
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as niftiReader from 'nifti-reader-js';
import { encodeNifti, readNifti, writeNifti } from '../src/index';

const shared = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/data');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const COUNT = Number(process.env.BENCH_FILES ?? 4);

function findFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(folder, e.name);
    if (e.isDirectory()) return findFiles(full);
    return /\.nii(\.gz)?$/.test(e.name) && !full.includes('badinputs') ? [full] : [];
  });
}

async function median(run: () => unknown | Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function main(): Promise<void> {
  if (!existsSync(shared)) {
    console.error(`shared data not found at ${shared}`);
    process.exit(1);
  }
  // largest by decompressed size: that is the work a reader does
  const size = (f: string) => {
    const raw = readFileSync(f);
    return raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw).length : raw.length;
  };
  const files = findFiles(shared)
    .map((f) => ({ f, n: size(f) }))
    .sort((a, b) => b.n - a.n)
    .slice(0, COUNT)
    .map(({ f }) => f);
  const out = mkdtempSync(path.join(tmpdir(), 'io-nifti-bench-'));
  const rows: Record<string, string | number>[] = [];
  try {
    for (const file of files) {
      const raw = readFileSync(file);
      const gz = raw[0] === 0x1f && raw[1] === 0x8b;
      const decompressed = gz ? gunzipSync(raw) : raw;
      const mb = decompressed.length / 1e6;
      const rate = (ms: number) => +(mb / (ms / 1000)).toFixed(1);
      const img = await readNifti(file);
      const readMs = await median(() => readNifti(file));
      const gunzipMs = await median(() => (gz ? gunzipSync(raw) : raw.slice()));
      const referenceMs = await median(() => {
        const copy: ArrayBuffer = new Uint8Array(raw).buffer;
        const bytes: ArrayBuffer = gz ? (niftiReader.decompress(copy) as ArrayBuffer) : copy;
        niftiReader.readImage(niftiReader.readHeader(bytes, false), bytes);
      });
      const writeNii = await median(() =>
        writeNifti(path.join(out, 'x.nii'), img.volume, { header: img.header }),
      );
      const writeGz = await median(() =>
        writeNifti(path.join(out, 'x.nii.gz'), img.volume, { header: img.header }),
      );
      const gzipMs = await median(() => gzipSync(encodeNifti(img.volume, { header: img.header })));
      rows.push({
        file: path.relative(shared, file),
        'MB (decompressed)': +mb.toFixed(2),
        'readNifti MB/s': rate(readMs),
        'gunzipSync MB/s': rate(gunzipMs),
        'nifti-reader-js MB/s': rate(referenceMs),
        'write .nii MB/s': rate(writeNii),
        'write .nii.gz MB/s': rate(writeGz),
        'gzipSync MB/s': rate(gzipMs),
      });
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  console.log(`medians of ${RUNS} runs, ${process.version}, ${process.platform}`);
  console.table(rows);
}

await main();
