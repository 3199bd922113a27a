// Run as a child process by the fault tests: writes `<file>` twice (old, then new content of
// `bytes` bytes) under whatever NNUNET_FAULTS the test set, and reports each outcome on stdout.
import { writeFileAtomic } from './writeFileAtomic';

const [file, bytes] = [process.argv[2]!, Number(process.argv[3])];
for (const content of [new Uint8Array(bytes).fill(1), new Uint8Array(bytes).fill(2)]) {
  try {
    await writeFileAtomic(file, content);
    console.log(`wrote ${content[0]}`);
  } catch (error) {
    console.log(
      `failed: ${(error as Error).message} [${(error as NodeJS.ErrnoException).cause ? ((error as Error).cause as NodeJS.ErrnoException).code : ''}]`,
    );
  }
}
