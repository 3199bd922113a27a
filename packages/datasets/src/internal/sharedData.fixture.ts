// Helpers for this package's tests only (excluded from the published files).
import { existsSync } from 'node:fs';
import { chmod, cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
/** The shared test data folder beside the repository (present in CI). */
export const sharedData = path.resolve(repoRoot, '../shared/data');
export const sharedCt = path.join(sharedData, 'msd_totalseg_ct');

/** Whether a shared-data folder exists; says why the dependent tests are skipped when it does not. */
export function haveSharedData(sub: string): boolean {
  const ok = existsSync(path.join(sharedData, sub));
  if (!ok) console.warn(`[datasets] skipping tests on ${path.join(sharedData, sub)}: folder not found`);
  return ok;
}

export interface ExpectedCase {
  case: string;
  image: string;
  image_shape: number[];
  image_dtype: string;
  spacing: number[];
  affine: number[][];
  intensity: { min: number; max: number; mean: number };
  label?: string;
  label_values?: [number, number][];
}

/** `expected.json` of the shared CT dataset (nibabel's values): training `cases` and `test` images. */
export async function expectedCt(): Promise<{
  cases: ExpectedCase[];
  test: ExpectedCase[];
  labels: Record<string, string>;
}> {
  return JSON.parse(await readFile(path.join(sharedCt, 'expected.json'), 'utf8'));
}

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh temporary folder, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'nnunet-datasets-'));
  temps.push(dir);
  return dir;
}

/** A writable copy of the shared CT dataset in a temporary folder (the shared files are read-only). */
export async function copyOfSharedCt(): Promise<string> {
  const dir = path.join(await tempDir(), 'Task90_CT');
  await cp(sharedCt, dir, { recursive: true });
  await makeWritable(dir);
  return dir;
}

async function makeWritable(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) await makeWritable(p);
    else await chmod(p, 0o644);
  }
}
