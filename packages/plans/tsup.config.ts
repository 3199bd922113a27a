import { packageConfig } from '../../tools/tsup.preset.ts';

export default packageConfig();
