// The parsers tools/fuzz/runFuzz.ts fuzzes: each package's own properties (the ones its *.fuzz.test.ts runs in
// CI), loaded on demand so that a run of one parser does not load the others (tfjs for model folders).
// Every package's properties have this shape (plans declares its own copy: it may import no package).
import type { FuzzProperty } from '../../packages/io-nifti/src/internal/testing/fuzz/FuzzProperty';

export type { FuzzProperty };

export interface FuzzSuite {
  parser: string;
  /** `scratch`: a folder the properties may write files in. */
  load(scratch: string): Promise<FuzzProperty[]>;
}

export const FUZZ_SUITES: readonly FuzzSuite[] = [
  {
    parser: 'nifti',
    load: async (scratch) =>
      (await import('../../packages/io-nifti/src/internal/testing/fuzz/niftiFuzz')).niftiFuzz(scratch),
  },
  {
    parser: 'npy',
    load: async (scratch) =>
      (await import('../../packages/preprocessing/src/npy/internal/testing/npyFuzz')).npyFuzz(scratch),
  },
  {
    parser: 'dataset-json',
    load: async (scratch) =>
      (await import('../../packages/datasets/src/internal/testing/fuzz/datasetFuzz')).datasetFuzz(scratch),
  },
  {
    parser: 'splits',
    load: async (scratch) =>
      (await import('../../packages/datasets/src/internal/testing/fuzz/splitsFuzz')).splitsFuzz(scratch),
  },
  {
    parser: 'plans',
    load: async () => (await import('../../packages/plans/src/internal/testing/fuzz/plansFuzz')).plansFuzz(),
  },
  {
    parser: 'model-folder',
    load: async (scratch) =>
      (await import('../../packages/inference/src/internal/testing/fuzz/modelFolderFuzz')).modelFolderFuzz(
        scratch,
      ),
  },
];
