// Helpers for this package's tests only (excluded from the published files).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
/** The shared test data folder beside the repository (present in CI). */
export const sharedData = path.resolve(repoRoot, '../shared/data');

/** Whether a shared-data folder exists; logs why the dependent tests are skipped when it does not. */
export function haveSharedData(sub: string): boolean {
  const ok = existsSync(path.join(sharedData, sub));
  if (!ok) console.warn(`[io-nifti] skipping tests on ${path.join(sharedData, sub)}: folder not found`);
  return ok;
}

export function sha256(view: ArrayBufferView): string {
  return createHash('sha256')
    .update(new Uint8Array(view.buffer, view.byteOffset, view.byteLength))
    .digest('hex');
}

/** JSON stores non-finite numbers as strings. */
export function num(x: unknown): number {
  if (x === 'NaN') return NaN;
  if (x === 'Infinity') return Infinity;
  if (x === '-Infinity') return -Infinity;
  return x as number;
}

export interface Stats {
  count: number;
  nanCount: number;
  infCount: number;
  min: number;
  max: number;
  sum: number | bigint;
  sumSq: number | bigint;
}

/** Statistics the manifest records, over every `stride`-th element from `offset` (NaN excluded). */
export function statistics(
  data: ArrayLike<number | bigint>,
  integer: boolean,
  stride = 1,
  offset = 0,
): Stats {
  let nanCount = 0;
  let infCount = 0;
  let min = Infinity;
  let max = -Infinity;
  let sum: number | bigint = integer ? 0n : 0;
  let sumSq: number | bigint = integer ? 0n : 0;
  let count = 0;
  for (let e = offset; e < data.length; e += stride) {
    count++;
    const v = data[e];
    if (integer) {
      const b = BigInt(v);
      sum = (sum as bigint) + b;
      sumSq = (sumSq as bigint) + b * b;
      const n = Number(v);
      if (n < min) min = n;
      if (n > max) max = n;
      continue;
    }
    const f = v as number;
    if (Number.isNaN(f)) {
      nanCount++;
      continue;
    }
    if (!Number.isFinite(f)) infCount++;
    if (f < min) min = f;
    if (f > max) max = f;
    sum = (sum as number) + f;
    sumSq = (sumSq as number) + f * f;
  }
  return { count, nanCount, infCount, min, max, sum, sumSq };
}

/** The same elements with the last index fastest (numpy C order) instead of the first (NIfTI order). */
export function toCOrder<T extends { length: number; [i: number]: number }>(
  data: T,
  dims: number[],
  make: (n: number) => T,
): T {
  const out = make(data.length);
  const n = dims.length;
  const stridesF = dims.map((_, d) => dims.slice(0, d).reduce((a, b) => a * b, 1));
  const idx = new Array(n).fill(0);
  for (let c = 0; c < data.length; c++) {
    let f = 0;
    for (let d = 0; d < n; d++) f += idx[d] * stridesF[d];
    out[c] = data[f];
    for (let d = n - 1; d >= 0; d--) {
      if (++idx[d] < dims[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

/** Element index of an (i, j, k, t...) tuple in NIfTI order. */
export function flatIndex(index: number[], dims: number[]): number {
  let flat = 0;
  let stride = 1;
  for (let d = 0; d < dims.length; d++) {
    flat += (index[d] ?? 0) * stride;
    stride *= dims[d];
  }
  return flat;
}

/** Null when the byte runs are identical, else where they first differ (cheap to print, unlike a diff). */
export function firstDifference(a: ArrayBufferView, b: ArrayBufferView): string | null {
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    if (x[i] !== y[i]) return `byte ${i}: ${x[i]} vs ${y[i]} (lengths ${x.length}, ${y.length})`;
  }
  return x.length === y.length ? null : `lengths differ: ${x.length} vs ${y.length}`;
}
