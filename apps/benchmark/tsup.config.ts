import { packageConfig } from '../../tools/tsup.preset.ts';

// cli.ts is the `nnunet-bench` executable that bin/nnunet-bench.mjs loads
export default packageConfig({ entry: ['src/index.ts', 'src/options.ts', 'src/cli.ts'] });
