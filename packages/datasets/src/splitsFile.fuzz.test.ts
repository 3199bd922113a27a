// Property-based fuzzing of splits_final.json reading (the properties are shared with tools/fuzz/runFuzz.ts
// for long runs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { splitsFuzz } from './internal/testing/fuzz/splitsFuzz';

// Fixed in CI so that a failure replays; fast-check prints the seed and the counterexample on failure.
const seed = Number(process.env.FUZZ_SEED ?? 20260101);
const scratch = mkdtempSync(path.join(tmpdir(), 'splits-fuzz-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe(`fuzz: splits_final.json (seed ${seed})`, () => {
  for (const { name, ciRuns, property } of splitsFuzz(scratch)) {
    it(name, async () => {
      await fc.assert(property, { seed, numRuns: ciRuns });
    });
  }
});
