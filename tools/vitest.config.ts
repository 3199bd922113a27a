import { packageTestConfig } from './vitest.preset.ts';

export default packageTestConfig();
