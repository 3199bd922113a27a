import { describe, expect, it } from 'vitest';
import { runCrashHarness } from './crashHarness';

// CI's smoke run of the crash harness: 2 kills of each command (one at an injected kill point, one
// timed); the full proof is `tools/crash-harness/main.ts --kills 20`.
describe('the crash harness (smoke: 8 kills)', () => {
  it('preprocess, train, predict and evaluate come back from SIGKILL with the uninterrupted outputs', async () => {
    const lines: string[] = [];
    const outcomes = await runCrashHarness({ killsPerCommand: 2, seed: 7, log: (line) => lines.push(line) });
    expect(outcomes).toHaveLength(8);
    expect(
      outcomes.filter((o) => o.problems.length > 0),
      lines.join('\n'),
    ).toEqual([]);
    // half of them at injected points, which must have been reached
    expect(
      outcomes.filter((o) => o.kill.startsWith('kill@')).every((o) => o.ended === 'killed (SIGKILL)'),
    ).toBe(true);
  }, 900_000);
});
