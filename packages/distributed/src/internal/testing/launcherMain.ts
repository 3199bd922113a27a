// nnunet-run from the sources, as bin/nnunet-run.mjs runs it from the build: for tests that
// need the launcher as a process of its own (signals).
import { runLauncher } from '../runLauncher';

process.exitCode = await runLauncher(process.argv.slice(2));
