import { packageConfig } from '../../tools/tsup.preset.ts';

export default packageConfig({ entry: ['src/index.ts', 'src/options.ts'] });
