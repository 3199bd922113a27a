import { packageConfig } from '../../tools/tsup.preset.ts';
import { bundlePage } from './tools/bundlePage.ts';

export default packageConfig({
  // the page folder is found next to the built module through import.meta.url, in CJS too
  shims: true,
  onSuccess: () => bundlePage('dist/page'),
});
