import { packageConfig } from '../../tools/tsup.preset.ts';

// caseWorker: the script preprocessing forks for parallel cases (resolved next to the bundled index);
// shims: the CJS build gets the import.meta.url that locates it.
export default packageConfig({
  entry: { index: 'src/index.ts', caseWorker: 'src/internal/caseWorker.ts' },
  shims: true,
});
