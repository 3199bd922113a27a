// Child process for the crash test: writes a large checkpoint to argv[2] (slowly enough to be killed
// mid-write), announcing on stdout when it starts.
import { writeCheckpoint } from './checkpointFile';

const path = process.argv[2]!;
const tensors = new Map(
  Array.from({ length: 64 }, (_, i) => [
    `w${i}`,
    { dtype: 'float32' as const, shape: [1 << 20], data: new Float32Array(1 << 20).fill(i) },
  ]),
);
process.stdout.write('writing\n');
await writeCheckpoint(path, { metadata: { step: 999 }, tensors });
process.stdout.write('done\n');
