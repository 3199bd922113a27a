// The `nnunet` executable: bin/nnunet.mjs loads the build of this file.
import { run } from './internal/run';

void run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
