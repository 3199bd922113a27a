#!/usr/bin/env node
// Builds the optional MPI addon (build/Release/nnunet_mpi.node) with the node-gyp that ships with npm,
// against the headers of the Node.js that runs this script and the MPI that `mpicxx` wraps.
//   node scripts/buildMpi.cjs             build, exit 1 on failure (`npm run build:mpi`)
//   node scripts/buildMpi.cjs --optional  the install script: without mpicxx, or when the build fails,
//                                         it says why and exits 0, and the TCP ring is the engine; an
//                                         addon newer than its sources is kept
// NNUNET_SKIP_MPI_BUILD=1 skips the build; MPICXX names another wrapper (e.g. MPICH's mpicxx.mpich).
const { spawnSync } = require('node:child_process');
const { existsSync, statSync } = require('node:fs');
const { dirname, join } = require('node:path');

const optional = process.argv.includes('--optional');
const root = join(__dirname, '..');
const addon = join(root, 'build', 'Release', 'nnunet_mpi.node');
const sources = ['binding.gyp', 'native/mpi_addon.cc', 'scripts/mpiFlags.cjs'].map((f) => join(root, f));

function stop(problem) {
  const message = `@nnunet-ts/distributed: MPI backend not built: ${problem}`;
  if (!optional) {
    console.error(message);
    process.exit(1);
  }
  console.warn(
    `${message}\n  Collectives run on the TCP ring; install Open MPI (libopenmpi-dev) and run "npm run build:mpi".`,
  );
  process.exit(0);
}

if (process.env.NNUNET_SKIP_MPI_BUILD === '1') stop('NNUNET_SKIP_MPI_BUILD=1');
if (optional && existsSync(addon) && sources.every((f) => statSync(f).mtimeMs < statSync(addon).mtimeMs)) {
  process.exit(0);
}
const wrapper = process.env.MPICXX || 'mpicxx';
if (spawnSync(wrapper, ['--version'], { stdio: 'ignore' }).error) stop(`${wrapper} was not found`);
const prefix = join(dirname(process.execPath), '..');
const nodeDir =
  process.env.npm_config_nodedir ??
  (existsSync(join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined);
if (!nodeDir) stop(`no Node.js headers next to ${process.execPath} (set npm_config_nodedir)`);
const nodeGyp = [
  process.env.npm_config_node_gyp,
  join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
].find((p) => p && existsSync(p));
if (!nodeGyp) stop('node-gyp was not found (it ships with npm)');
const result = spawnSync(process.execPath, [nodeGyp, 'rebuild', `--nodedir=${nodeDir}`], {
  cwd: root,
  stdio: 'inherit',
});
if (result.error) stop(result.error.message);
if (result.status !== 0) stop(`node-gyp exited with status ${result.status} (see its output above)`);
