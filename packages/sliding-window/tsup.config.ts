import { packageConfig } from '../../tools/tsup.preset';

export default packageConfig();
