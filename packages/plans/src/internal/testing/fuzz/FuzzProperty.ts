import type fc from 'fast-check';

/**
 * One fuzz property of a parser: CI runs it `ciRuns` times (the package's *.fuzz.test.ts), the long runs of
 * tools/fuzz/runFuzz.ts in proportion. (io-nifti's fuzz helpers declare the same shape; plans depends on
 * no package, so it cannot share theirs.)
 */
export interface FuzzProperty {
  name: string;
  ciRuns: number;
  property: fc.IAsyncProperty<unknown[]>;
}
