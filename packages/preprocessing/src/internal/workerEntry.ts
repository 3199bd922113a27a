import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The worker script and the Node flags to start it with. From the TypeScript sources (tests, `tsx`) the
 * worker is `caseWorker.ts` beside this file, run through tsx with the workspace's source condition; from
 * the build, this code is bundled into `dist/index.*` and the worker is the `dist/caseWorker.js` entry.
 */
export function workerEntry(): { file: string; execArgv: string[] } {
  const here = import.meta.url;
  // keep a parent's heap limit, which big cases may need
  const inherited = process.execArgv.filter((flag) => flag.startsWith('--max-old-space-size'));
  if (!here.endsWith('.ts')) {
    return { file: fileURLToPath(new URL('./caseWorker.js', here)), execArgv: inherited };
  }
  let loader: string;
  try {
    loader = pathToFileURL(createRequire(here).resolve('tsx')).href;
  } catch (error) {
    throw new Error('running the preprocessing workers from TypeScript sources needs the tsx package', {
      cause: error,
    });
  }
  return {
    file: fileURLToPath(new URL('./caseWorker.ts', here)),
    execArgv: [...inherited, '--conditions=@nnunet-ts/source', '--import', loader],
  };
}
