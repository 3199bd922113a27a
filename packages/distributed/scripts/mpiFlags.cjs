#!/usr/bin/env node
// Prints the compile or link flags of the MPI compiler wrapper for binding.gyp:
//   node scripts/mpiFlags.cjs compile|link
// Open MPI's wrapper answers --showme:compile / --showme:link; MPICH's -compile_info / -link_info,
// which start with the compiler's own name. MPICXX names the wrapper (default mpicxx).
const { execFileSync } = require('node:child_process');

const which = process.argv[2];
if (which !== 'compile' && which !== 'link') {
  console.error('usage: mpiFlags.cjs compile|link');
  process.exit(2);
}
const wrapper = process.env.MPICXX || 'mpicxx';
const ask = (flag) =>
  execFileSync(wrapper, [flag], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
let flags;
try {
  flags = ask(`--showme:${which}`);
} catch {
  flags = ask(`-${which}_info`).split(/\s+/).slice(1).join(' ');
}
// only what the addon needs from the wrapper: include paths and defines, or libraries and their paths
const wanted = which === 'compile' ? /^-[ID]/ : /^-(L|l|Wl,|pthread)/;
process.stdout.write(
  flags
    .split(/\s+/)
    .filter((f) => wanted.test(f))
    .join(' '),
);
