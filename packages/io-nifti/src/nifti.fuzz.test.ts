// Property-based fuzzing of the reader (the properties are shared with tools/fuzz/runFuzz.ts for long runs),
// and the inputs that broke it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { NiftiError } from './NiftiError';
import { readNifti } from './readNifti';
import { boundedOutcome } from './internal/testing/fuzz/boundedOutcome';
import { niftiFuzz } from './internal/testing/fuzz/niftiFuzz';
import { NIFTI_EXAMPLE_REGRESSIONS, NIFTI_FILE_REGRESSIONS } from './internal/testing/fuzz/niftiRegressions';

// Fixed in CI so that a failure replays; fast-check prints the seed and the counterexample on failure.
const seed = Number(process.env.FUZZ_SEED ?? 20260101);
const scratch = mkdtempSync(path.join(tmpdir(), 'nifti-fuzz-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const properties = niftiFuzz(scratch);

describe(`fuzz: NIfTI reader (seed ${seed})`, () => {
  for (const { name, ciRuns, property } of properties) {
    it(name, async () => {
      await fc.assert(property, { seed, numRuns: ciRuns });
    });
  }
});

describe('fuzz regressions', () => {
  const folder = path.join(scratch, 'regressions');
  for (const { file, found, code, files } of NIFTI_FILE_REGRESSIONS) {
    it(`${file} (${found}) is refused with ${code}`, async () => {
      mkdirSync(folder, { recursive: true });
      for (const [name, bytes] of Object.entries(files())) writeFileSync(path.join(folder, name), bytes);
      const input = path.join(folder, file);
      const read = await boundedOutcome(() => readNifti(input), {
        expected: (error) => error instanceof NiftiError,
        mentions: input,
        timeLimitMs: 2000,
        // the file stream's 1 MiB read buffers
        maxAllocatedBytes: 4 * 2 ** 20,
      });
      expect(read.ok ? 'read' : (read.error as NiftiError).code).toBe(code);
    });
  }
  for (const { property, found, example } of NIFTI_EXAMPLE_REGRESSIONS) {
    it(`${property}: ${found}`, async () => {
      const named = properties.find((p) => p.name === property);
      expect(named, `no property named '${property}'`).toBeDefined();
      await fc.assert(named!.property, { examples: [example], numRuns: 1 });
    });
  }
});
