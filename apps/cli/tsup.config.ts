import { packageConfig } from '../../tools/tsup.preset.ts';

// cli.ts is the `nnunet` executable that bin/nnunet.mjs loads
export default packageConfig({ entry: ['src/index.ts', 'src/cli.ts'] });
