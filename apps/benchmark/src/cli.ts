// The `nnunet-bench` executable: bin/nnunet-bench.mjs loads the build of this file.
import { parseBenchArgs } from './internal/parseBenchArgs';
import { runBenchmark } from './runBenchmark';

const parsed = parseBenchArgs(process.argv.slice(2));
if (parsed.status === 'exit') {
  process.stdout.write(parsed.stdout);
  process.stderr.write(parsed.stderr);
  process.exitCode = parsed.exitCode;
} else {
  runBenchmark(parsed.options).catch((error: unknown) => {
    // one line without a stack unless NNUNET_DEBUG is set, as `nnunet` does
    const detail =
      error instanceof Error ? (process.env.NNUNET_DEBUG ? error.stack : error.message) : String(error);
    process.stderr.write(`nnunet-bench: ${detail}\n`);
    process.exitCode = 1;
  });
}
