import { fileURLToPath } from 'node:url';

/** argv that runs the test worker under tsx in a child process (`node --import tsx distWorker.ts`). */
export const TSX_WORKER_COMMAND: readonly string[] = [
  process.execPath,
  '--import',
  'tsx',
  fileURLToPath(new URL('./distWorker.ts', import.meta.url)),
];
