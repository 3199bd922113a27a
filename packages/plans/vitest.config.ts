import { packageTestConfig } from '../../tools/vitest.preset.ts';

export default packageTestConfig();
