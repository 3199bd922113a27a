import { packageConfig } from '../../tools/tsup.preset.ts';

// browser.ts: the entry web pages get (the `browser` export condition and `./browser`): no Node APIs
export default packageConfig({ entry: ['src/index.ts', 'src/browser.ts'] });
