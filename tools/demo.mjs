// `npm run demo`: the main job on the built-in default. The full pipeline (phantom dataset →
// preprocess → train → predict → evaluate → report) arrives with the trainer (issue #9); until then
// the demo runs the stages that exist and says plainly which ones do not.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'apps', 'cli', 'dist', 'cli.js');
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

console.log('nnunet-ts demo: building the packages the demo uses…');
run('npx', ['nx', 'run', 'cli:build', '--output-style=static']);
if (!existsSync(cli)) {
  console.error(`The CLI build did not produce ${cli}.`);
  process.exit(1);
}
console.log('\nStage 1/1 available today: which compute backend nnunet-ts picks on this machine, and why');
run(process.execPath, [cli, 'info']);
console.log(
  [
    '',
    'Not there yet: the phantom dataset (issue #4), preprocessing (#4), training (#9), prediction (#8),',
    'evaluation (#8) and the report (#11). `npm run demo` will run them end to end once the trainer lands.',
  ].join('\n'),
);
