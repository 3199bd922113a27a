import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The worker entry next to this code and the node flags it needs. From the TypeScript sources (tests,
 * `tsx`) that is `loaderWorker.ts`, run through tsx with the workspace's source condition, so the worker
 * runs the same code as its parent; from the built package it is `loaderWorker.js` (or `.cjs`) beside the
 * bundle, run by plain node.
 */
export function workerCommand(): { file: string; execArgv: string[] } {
  const here = import.meta.url;
  const ext = extname(fileURLToPath(here));
  const file = fileURLToPath(new URL(`./loaderWorker${ext}`, here));
  if (ext !== '.ts') return { file, execArgv: [] };
  const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href;
  return { file, execArgv: ['--conditions=@nnunet-ts/source', '--import', tsx] };
}
