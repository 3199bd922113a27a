import { packageConfig } from '../../tools/tsup.preset.ts';

// The worker process entry is built beside the bundle (dist/loaderWorker.js and .cjs), where
// workerCommand looks for it; `shims` gives the CJS bundle an import.meta.url to find it by.
export default packageConfig({
  entry: { index: 'src/index.ts', loaderWorker: 'src/internal/loaderWorker.ts' },
  dts: { entry: { index: 'src/index.ts' } },
  shims: true,
});
