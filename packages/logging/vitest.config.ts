import { packageTestConfig } from '../../tools/vitest.preset';

export default packageTestConfig();
