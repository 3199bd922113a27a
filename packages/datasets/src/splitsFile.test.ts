import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crossValidationSplits } from './crossValidationSplits';
import { tempDir } from './internal/sharedData.fixture';
import { readSplits, writeSplits } from './splitsFile';

describe('splits_final.json', () => {
  it('round-trips folds in the nnU-Net v2 format', async () => {
    const file = path.join(await tempDir(), 'splits_final.json');
    const splits = crossValidationSplits(['c', 'a', 'e', 'b', 'd', 'f'], { folds: 3 });
    await writeSplits(file, splits);
    const text = await readFile(file, 'utf8');
    // a plain list of {train, val}, as nnU-Net v2 writes it (json.dump, indent 4)
    expect(JSON.parse(text)).toEqual(splits.map(({ train, val }) => ({ train, val })));
    expect(text).toMatch(/^\[\n {4}\{\n {8}"train": \[\n {12}"/);
    expect(await readSplits(file)).toEqual(splits);
  });

  it('reads a file a user edited, and names the file and fold in its errors', async () => {
    const file = path.join(await tempDir(), 'splits_final.json');
    await writeFile(file, '[{"train": ["a", "b"], "val": ["c"]}, {"train": ["c"], "val": ["a", "b"]}]');
    expect(await readSplits(file)).toEqual([
      { train: ['a', 'b'], val: ['c'] },
      { train: ['c'], val: ['a', 'b'] },
    ]);
    const bad: [string, RegExp][] = [
      ['{', /splits_final\.json: cannot read the splits: /],
      ['[]', /not a splits_final\.json .*\n {2}\(top level\): expected at least one fold/],
      [
        '[{"train": ["a"], "val": [1]}]',
        /\n {2}\[0\]\.val\[0\]: Invalid input: expected string, received number/,
      ],
      [
        '[{"train": ["a"], "val": ["b"]}, {"train": ["a"], "val": ["a"]}]',
        /: \[1\]: case "a" appears more than once in the fold/,
      ],
    ];
    for (const [text, message] of bad) {
      await writeFile(file, text);
      await expect(readSplits(file)).rejects.toThrow(message);
    }
  });
});
