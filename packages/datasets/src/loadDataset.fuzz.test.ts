// Property-based fuzzing of dataset.json reading (the properties are shared with tools/fuzz/runFuzz.ts for
// long runs), and the inputs that broke it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetFuzz } from './internal/testing/fuzz/datasetFuzz';
import { DATASET_REGRESSIONS } from './internal/testing/fuzz/datasetRegressions';

// Fixed in CI so that a failure replays; fast-check prints the seed and the counterexample on failure.
const seed = Number(process.env.FUZZ_SEED ?? 20260101);
const scratch = mkdtempSync(path.join(tmpdir(), 'dataset-fuzz-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const properties = datasetFuzz(scratch);

describe(`fuzz: dataset.json (seed ${seed})`, () => {
  for (const { name, ciRuns, property } of properties) {
    it(name, async () => {
      await fc.assert(property, { seed, numRuns: ciRuns });
    });
  }
});

describe('fuzz regressions', () => {
  for (const { property, found, example } of DATASET_REGRESSIONS) {
    it(found, async () => {
      const named = properties.find((p) => p.name === property);
      expect(named, `no property named '${property}'`).toBeDefined();
      await fc.assert(named!.property, { examples: [example], numRuns: 1 });
    });
  }
});
