// Property-based fuzzing of the plan files' parsers (the properties are shared with tools/fuzz/runFuzz.ts for
// long runs), and the inputs that broke them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plansFuzz } from '../internal/testing/fuzz/plansFuzz';
import { PLANS_REGRESSIONS } from '../internal/testing/fuzz/plansRegressions';

// Fixed in CI so that a failure replays; fast-check prints the seed and the counterexample on failure.
const seed = Number(process.env.FUZZ_SEED ?? 20260101);
const properties = plansFuzz();

describe(`fuzz: plan files (seed ${seed})`, () => {
  for (const { name, ciRuns, property } of properties) {
    it(name, async () => {
      await fc.assert(property, { seed, numRuns: ciRuns });
    });
  }
});

describe('fuzz regressions', () => {
  for (const { property, found, example } of PLANS_REGRESSIONS) {
    it(found, async () => {
      const named = properties.find((p) => p.name === property);
      expect(named, `no property named '${property}'`).toBeDefined();
      await fc.assert(named!.property, { examples: [example], numRuns: 1 });
    });
  }
});
