#!/usr/bin/env node
// The `nnunet-bench` command. It runs the build (dist/cli.js); in the workspace without a build, use
// `npm run dev -w @nnunet-ts/benchmark -- <args>` (tsx on the TypeScript sources) or build with `npx nx run benchmark:build`.
const entry = new URL('../dist/cli.js', import.meta.url);
try {
  await import(entry.href);
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(entry.pathname)) {
    process.stderr.write(
      `nnunet-bench: ${entry.pathname} is missing: build @nnunet-ts/benchmark first (npx nx run benchmark:build),\n` +
        'or run the sources with `npm run dev -w @nnunet-ts/benchmark -- <args>`\n',
    );
    process.exitCode = 1;
  } else {
    throw error;
  }
}
