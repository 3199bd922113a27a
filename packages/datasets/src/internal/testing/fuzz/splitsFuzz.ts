// splits_final.json's fuzz properties: run in CI by src/splitsFile.fuzz.test.ts, at length by tools/fuzz/runFuzz.ts.
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
// shared fuzz helpers: byte damage and the outcome check (io-nifti's), JSON damage (plans')
import {
  applyMutations,
  byteMutations,
} from '../../../../../io-nifti/src/internal/testing/fuzz/byteMutations';
import { boundedOutcome } from '../../../../../io-nifti/src/internal/testing/fuzz/boundedOutcome';
import type { FuzzProperty } from '../../../../../io-nifti/src/internal/testing/fuzz/FuzzProperty';
import {
  applyJsonMutations,
  jsonMutations,
  jsonText,
} from '../../../../../plans/src/internal/testing/fuzz/jsonMutations';
import type { Fold } from '../../../crossValidationSplits';
import { readSplits, writeSplits } from '../../../splitsFile';
import { datasetRules } from './datasetFuzz';

/** Folds over distinct case ids: each fold's train and val lists are disjoint. */
const folds: fc.Arbitrary<Fold[]> = fc
  .uniqueArray(fc.string({ maxLength: 12 }), { maxLength: 12 })
  .chain((ids) =>
    fc.array(
      fc
        .array(fc.constantFrom('train', 'val', 'out'), { minLength: ids.length, maxLength: ids.length })
        .map((roles) => ({
          train: ids.filter((_, i) => roles[i] === 'train'),
          val: ids.filter((_, i) => roles[i] === 'val'),
        })),
      { minLength: 1, maxLength: 6 },
    ),
  );

/** What readSplits returns is always usable: string lists, no case twice within a fold. */
function assertUsable(read: Fold[]): void {
  assert.ok(read.length >= 1);
  for (const fold of read) {
    const all = [...fold.train, ...fold.val];
    assert.ok(all.every((id) => typeof id === 'string'));
    assert.equal(new Set(all).size, all.length);
  }
}

let fileNumber = 0;

/** The splits properties; `scratch` is a folder they may write in (the caller removes it). */
export function splitsFuzz(scratch: string): FuzzProperty[] {
  const readBack = async (content: string | Uint8Array) => {
    const file = path.join(scratch, `splits_${fileNumber++}.json`);
    await writeFile(file, content);
    try {
      const read = await boundedOutcome(() => readSplits(file), datasetRules(file, content));
      if (read.ok) assertUsable(read.value);
    } finally {
      await rm(file, { force: true });
    }
  };
  return [
    {
      name: 'valid folds round-trip through writeSplits and readSplits',
      ciRuns: 200,
      property: fc.asyncProperty(folds, async (written) => {
        const file = path.join(scratch, `splits_${fileNumber++}.json`);
        try {
          await writeSplits(file, written);
          assert.deepEqual(await readSplits(file), written);
        } finally {
          await rm(file, { force: true });
        }
      }),
    },
    {
      name: 'damaged splits documents are read as usable folds or refused with a DatasetError naming the file',
      ciRuns: 500,
      property: fc.asyncProperty(folds, jsonMutations(), async (written, mutations) => {
        const text = jsonText(applyJsonMutations(written, mutations));
        fc.pre(text !== undefined);
        await readBack(text);
      }),
    },
    {
      name: 'damaged splits bytes (truncated, flipped, not UTF-8) are read or refused naming the file',
      ciRuns: 300,
      property: fc.asyncProperty(folds, byteMutations(), async (written, mutations) => {
        await readBack(applyMutations(new TextEncoder().encode(JSON.stringify(written, null, 4)), mutations));
      }),
    },
  ];
}
