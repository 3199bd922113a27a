#!/usr/bin/env node
// Builds the N-API addon (build/Release/nnunet_kernels.node) with the node-gyp that ships with npm,
// against the headers of the Node.js that runs this script, so nothing is downloaded.
//   node scripts/buildNative.cjs             build, exit 1 on failure (`npm run build:native`)
//   node scripts/buildNative.cjs --optional  the install script: a failed build says why and exits 0,
//                                            so installing succeeds and tfjs's own kernels are used; an
//                                            addon newer than every source is kept (workspace installs
//                                            rerun this script each time)
// NNUNET_SKIP_NATIVE_BUILD=1 skips the build (e.g. to test the fallback).
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { dirname, join } = require('node:path');

const optional = process.argv.includes('--optional');
const packageRoot = join(__dirname, '..');

function finish(problem) {
  if (!problem) return;
  const message = `@nnunet-ts/kernels-native: native kernels not built: ${problem}`;
  if (optional) {
    console.warn(
      `${message}\n  The tfjs cpu/wasm kernels will be used instead; run "npm run build:native" to retry.`,
    );
    process.exit(0);
  }
  console.error(message);
  process.exit(1);
}

function findNodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(
      dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    ),
  ];
  try {
    candidates.push(require.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not installed as a package: the npm-bundled copy above is the usual one
  }
  return candidates.find((p) => p && existsSync(p));
}

// node-gyp downloads headers unless told where Node's own are; an installed Node keeps them in
// <prefix>/include/node.
function findNodeDir() {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  const prefix = join(dirname(process.execPath), '..');
  return existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined;
}

function isUpToDate() {
  const addon = join(packageRoot, 'build', 'Release', 'nnunet_kernels.node');
  if (!existsSync(addon)) return false;
  const sources = [
    join(packageRoot, 'binding.gyp'),
    ...readdirSync(join(packageRoot, 'native')).map((f) => join(packageRoot, 'native', f)),
  ];
  const built = statSync(addon).mtimeMs;
  return sources.every((f) => statSync(f).mtimeMs < built);
}

if (process.env.NNUNET_SKIP_NATIVE_BUILD === '1') finish('NNUNET_SKIP_NATIVE_BUILD=1');
if (optional && isUpToDate()) process.exit(0);
const nodeGyp = findNodeGyp();
if (!nodeGyp) finish('node-gyp was not found (it ships with npm)');
const nodeDir = findNodeDir();
if (!nodeDir) finish(`no Node.js headers next to ${process.execPath} (set npm_config_nodedir)`);

const result = spawnSync(process.execPath, [nodeGyp, 'rebuild', `--nodedir=${nodeDir}`, '--jobs=max'], {
  cwd: packageRoot,
  stdio: 'inherit',
});
if (result.error) finish(result.error.message);
else if (result.status !== 0) finish(`node-gyp exited with status ${result.status} (see its output above)`);
