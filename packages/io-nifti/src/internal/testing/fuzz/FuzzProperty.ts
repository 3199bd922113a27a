import type fc from 'fast-check';

/**
 * One fuzz property of a parser: CI runs it `ciRuns` times (the package's *.fuzz.test.ts), the long runs of
 * tools/fuzz/runFuzz.ts in proportion.
 */
export interface FuzzProperty {
  name: string;
  ciRuns: number;
  property: fc.IAsyncProperty<unknown[]>;
}
