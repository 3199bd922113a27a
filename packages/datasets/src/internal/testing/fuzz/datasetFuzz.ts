// dataset.json's fuzz properties (MSD and nnU-Net v2): run in CI by src/loadDataset.fuzz.test.ts, at length
// by tools/fuzz/runFuzz.ts.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
// shared fuzz helpers: byte damage and the outcome check (io-nifti's), JSON damage (plans')
import {
  applyMutations,
  byteMutations,
} from '../../../../../io-nifti/src/internal/testing/fuzz/byteMutations';
import {
  boundedOutcome,
  type OutcomeRules,
} from '../../../../../io-nifti/src/internal/testing/fuzz/boundedOutcome';
import type { FuzzProperty } from '../../../../../io-nifti/src/internal/testing/fuzz/FuzzProperty';
import {
  applyJsonMutations,
  jsonMutations,
  jsonText,
} from '../../../../../plans/src/internal/testing/fuzz/jsonMutations';
import type { DatasetCase } from '../../../Dataset';
import { DatasetError } from '../../../DatasetError';
import { loadDataset } from '../../../loadDataset';
import { datasetSpec, type DatasetCaseSpec } from './datasetArbitraries';

/** Generous for one small folder on a busy CI machine; a hang exceeds it by far. */
const TIME_LIMIT_MS = 2000;
/** Megabytes of damaged JSON (repeats of deep nestings) take longer to parse and refuse: 10 MB/s at least. */
const BYTES_PER_MS = 10_000;

/** loadDataset reads JSON text: nothing it allocates is an ArrayBuffer beyond the file's bytes. */
export function datasetRules(file: string, text: Uint8Array | string): OutcomeRules {
  return {
    expected: (error) => error instanceof DatasetError,
    mentions: file,
    timeLimitMs: TIME_LIMIT_MS + text.length / BYTES_PER_MS,
    maxAllocatedBytes: 2 ** 20 + 4 * text.length,
  };
}

/** What a dataset folder's subfolders may be instead of folders. */
const FOLDERS = ['imagesTr', 'labelsTr', 'imagesTs'] as const;
const oddFolders = fc.record(
  Object.fromEntries(FOLDERS.map((f) => [f, fc.constantFrom('folder', 'file', 'absent')])) as Record<
    (typeof FOLDERS)[number],
    fc.Arbitrary<'folder' | 'file' | 'absent'>
  >,
);

/** A fresh dataset folder holding `datasetJson` (text or bytes) and the spec's files. */
async function datasetFolder(
  scratch: string,
  datasetJson: string | Uint8Array,
  files: string[],
): Promise<string> {
  const root = await mkdtemp(path.join(scratch, 'Dataset-'));
  await writeFile(path.join(root, 'dataset.json'), datasetJson);
  for (const file of files) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), '');
  }
  return root;
}

/**
 * Loads the folder: a Dataset, or a DatasetError naming its dataset.json (or `mentions`: the dataset folder,
 * for errors about its subfolders), within the bounds.
 */
async function load(root: string, text: string | Uint8Array, mentions = path.join(root, 'dataset.json')) {
  return boundedOutcome(() => loadDataset(root), datasetRules(mentions, text));
}

const byId = (cases: DatasetCase[]) => [...cases].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The dataset.json properties; `scratch` is a folder they may write in (the caller removes it). */
export function datasetFuzz(scratch: string): FuzzProperty[] {
  const withFolder = async (
    spec: { text: string | Uint8Array; files: string[] },
    check: (root: string) => Promise<void>,
  ) => {
    const root = await datasetFolder(scratch, spec.text, spec.files);
    try {
      await check(root);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  };
  return [
    {
      name: 'valid dataset.json files (MSD and nnU-Net v2) load as the cases and labels they declare',
      ciRuns: 250,
      property: fc.asyncProperty(datasetSpec, async (spec: DatasetCaseSpec) => {
        const text = JSON.stringify(spec.json);
        await withFolder({ text, files: spec.files }, async (root) => {
          const loaded = await load(root, text);
          assert.ok(loaded.ok, loaded.ok ? '' : loaded.error.message);
          // a v2 `dataset` object's case order is JavaScript's key order (integer-like ids first): compared sorted
          const { training, ...rest } = loaded.value;
          const { training: expectedTraining, ...expectedRest } = spec.expected(root);
          assert.deepEqual(rest, expectedRest);
          assert.deepEqual(byId(training), byId(expectedTraining));
        });
      }),
    },
    {
      name: 'damaged dataset.json documents load or are refused with a DatasetError naming the file',
      ciRuns: 400,
      property: fc.asyncProperty(datasetSpec, jsonMutations(), async (spec, mutations) => {
        const text = jsonText(applyJsonMutations(spec.json, mutations));
        fc.pre(text !== undefined);
        await withFolder({ text, files: spec.files }, async (root) => {
          const loaded = await load(root, text);
          if (loaded.ok) assert.ok(loaded.value.labels.has(0) && loaded.value.channelNames.length > 0);
        });
      }),
    },
    {
      name: 'damaged dataset.json bytes (truncated, flipped, not UTF-8) load or are refused naming the file',
      ciRuns: 250,
      property: fc.asyncProperty(datasetSpec, byteMutations(), async (spec, mutations) => {
        const bytes = applyMutations(new TextEncoder().encode(JSON.stringify(spec.json)), mutations);
        await withFolder({ text: bytes, files: spec.files }, async (root) => {
          await load(root, bytes);
        });
      }),
    },
    {
      name: 'dataset folders whose subfolders are files, or missing, load or are refused naming the file',
      ciRuns: 100,
      property: fc.asyncProperty(datasetSpec, oddFolders, fc.boolean(), async (spec, kinds, jsonIsFolder) => {
        const text = JSON.stringify(spec.json);
        const root = await mkdtemp(path.join(scratch, 'Dataset-'));
        try {
          if (jsonIsFolder) await mkdir(path.join(root, 'dataset.json'));
          else await writeFile(path.join(root, 'dataset.json'), text);
          for (const folder of FOLDERS) {
            if (kinds[folder] === 'file') await writeFile(path.join(root, folder), '');
            if (kinds[folder] === 'folder') await mkdir(path.join(root, folder));
          }
          const loaded = await load(root, text, root);
          assert.ok(!jsonIsFolder || !loaded.ok);
        } finally {
          await rm(root, { recursive: true, force: true });
        }
      }),
    },
  ];
}
