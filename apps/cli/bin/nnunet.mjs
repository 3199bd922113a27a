#!/usr/bin/env node
// The `nnunet` command. It runs the build (dist/cli.js). In the workspace without a build it runs the
// TypeScript sources through tsx (a workspace devDependency), so `npx nnunet` works right after `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli.js', import.meta.url);
const sources = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

function tsxAvailable() {
  try {
    createRequire(import.meta.url).resolve('tsx');
    return true;
  } catch {
    return false;
  }
}

if (existsSync(fileURLToPath(entry))) {
  await import(entry.href);
} else if (existsSync(sources) && tsxAvailable()) {
  const run = spawnSync(
    process.execPath,
    ['--conditions=@nnunet-ts/source', '--import', 'tsx', sources, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exitCode = run.status ?? 1;
} else {
  process.stderr.write(
    `nnunet: ${fileURLToPath(entry)} is missing: build @nnunet-ts/cli first (npx nx run cli:build)\n`,
  );
  process.exitCode = 1;
}
