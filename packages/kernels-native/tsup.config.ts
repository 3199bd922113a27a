import { packageConfig } from '../../tools/tsup.preset';

// shims: the CJS build gets an import.meta.url, which the addon loader resolves the package root from.
export default packageConfig({ shims: true });
