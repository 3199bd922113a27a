// Model folders' fuzz properties (model.json with the plan inside, weights.bin): run in CI by
// src/modelFolder.fuzz.test.ts, at length by tools/fuzz/runFuzz.ts.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PlanFileError } from '@nnunet-ts/plans';
import { tfjsWindowPredictor } from '@nnunet-ts/sliding-window';
import { initBackend } from '@nnunet-ts/tf-backend';
import { buildUNet } from '@nnunet-ts/unet-model';
import fc from 'fast-check';
// shared fuzz helpers: byte damage and the outcome check (io-nifti's), JSON damage (plans')
import {
  applyMutations,
  byteMutations,
  extremeNumber,
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
import type { EnsembleMember } from '../../../modelEnsemble';
import { loadModelFolder, saveModelFolder } from '../../../modelFolder';
import { smallModel, type SmallModel } from './smallModel';

const MiB = 2 ** 20;
/** Generous for a small model on a busy CI machine (tfjs's first load compiles its kernels). */
const TIME_LIMIT_MS = 5000;

type Json = Record<string, unknown>;

/** What loading a model folder may throw: the plan's PlanFileError, or an Error naming the folder or its files. */
function folderRules(folder: string, inputBytes: number): OutcomeRules {
  return {
    expected: (error) =>
      error instanceof PlanFileError || (error instanceof Error && error.constructor === Error),
    mentions: folder,
    // megabytes of damaged JSON take longer to parse and refuse: 10 MB/s at least
    timeLimitMs: TIME_LIMIT_MS + inputBytes / 10_000,
    // the model's weights and their copies as tensors; a hostile layer size must not allocate by it
    maxAllocatedBytes: 16 * MiB + 8 * inputBytes,
  };
}

/** One valid folder, saved once per run, whose files the damage properties start from. */
interface Template {
  modelJson: Json;
  weights: Uint8Array;
}

/** Parts of model.json a mutation is aimed at: each has its own checks (tfjs's, tf-backend's, the plan's). */
const SECTIONS = [
  [],
  ['modelTopology'],
  ['weightsManifest'],
  ['userDefinedMetadata', 'nnunetTs', 'plan'],
] as const;

function subtree(document: Json, at: readonly string[]): unknown {
  return at.reduce<unknown>((node, key) => (node as Json)[key], document);
}

function withSubtree(document: Json, at: readonly string[], value: unknown): unknown {
  if (at.length === 0) return value;
  const copy = structuredClone(document);
  const parent = subtree(copy, at.slice(0, -1)) as Json;
  parent[at.at(-1)!] = value;
  return copy;
}

/** Numeric fields of layers and weight specs that size an allocation. */
const SIZE_FIELDS = ['filters', 'kernel_size', 'strides', 'batch_input_shape', 'shape', 'size', 'units'];

/** Every [container, key] below `node` whose key is one of SIZE_FIELDS. */
function sizeSlots(
  node: unknown,
  found: [Json | unknown[], string | number][] = [],
): [Json | unknown[], string | number][] {
  if (typeof node !== 'object' || node === null) return found;
  for (const [key, value] of Object.entries(node)) {
    if (SIZE_FIELDS.includes(key)) {
      if (Array.isArray(value)) value.forEach((_, i) => found.push([value, i]));
      else found.push([node as Json, key]);
    }
    sizeSlots(value, found);
  }
  return found;
}

let folderNumber = 0;

/** The model-folder properties; `scratch` is a folder they may write in (the caller removes it). */
export function modelFolderFuzz(scratch: string): FuzzProperty[] {
  let template: Promise<Template> | undefined;
  const valid = () => (template ??= saveTemplate(scratch));
  const newFolder = async () => {
    const folder = path.join(scratch, `model${folderNumber++}`);
    await mkdir(folder);
    return folder;
  };
  /** Loads a folder holding these files: a model with a checked plan, or an error naming the folder. */
  const loadFiles = async (modelJson: string | Uint8Array, weights: Uint8Array) => {
    const folder = await newFolder();
    await writeFile(path.join(folder, 'model.json'), modelJson);
    await writeFile(path.join(folder, 'weights.bin'), weights);
    try {
      const loaded = await boundedOutcome(
        () => loadModelFolder(folder),
        folderRules(folder, modelJson.length + weights.length),
      );
      if (loaded.ok) loaded.value.dispose();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  };
  return [
    {
      name: 'model folders saved by saveModelFolder load with their plan and the same outputs',
      ciRuns: 25,
      property: fc.asyncProperty(smallModel, fc.integer(), async (spec, seed) => {
        await initBackend();
        const folder = await newFolder();
        const model = buildUNet({
          topology: spec.plan.plan.topology,
          inChannels: spec.channels,
          classes: spec.plan.classes,
          seed,
        });
        let loaded: EnsembleMember | undefined;
        try {
          await saveModelFolder(folder, model, spec.plan);
          loaded = await loadModelFolder(folder);
          assert.deepEqual(loaded.plan, spec.plan);
          const window = Float32Array.from({ length: spec.inputSize }, (_, i) => Math.sin(i + seed));
          const expected = await tfjsWindowPredictor(
            model,
            spec.plan.plan.patchSize,
            spec.channels,
          )(window, 1);
          assert.deepEqual(await loaded.predict(window, 1), expected);
        } finally {
          loaded?.dispose();
          model.dispose();
          await rm(folder, { recursive: true, force: true });
        }
      }),
    },
    {
      name: 'damaged model.json documents load with a checked plan, or are refused naming the folder',
      ciRuns: 500,
      property: fc.asyncProperty(
        fc.constantFrom(...SECTIONS),
        jsonMutations(),
        async (section, mutations) => {
          const { modelJson, weights } = await valid();
          const damaged = applyJsonMutations(subtree(modelJson, section), mutations);
          const text = jsonText(withSubtree(modelJson, section, damaged));
          fc.pre(text !== undefined);
          await loadFiles(text, weights);
        },
      ),
    },
    {
      name: 'layer and weight sizes set to extreme values are refused without allocating by them',
      ciRuns: 200,
      property: fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.nat(),
            extremeNumber.map((n) => (Number.isFinite(n) ? n : 1e9)),
          ),
          { minLength: 1, maxLength: 3 },
        ),
        async (edits) => {
          const { modelJson, weights } = await valid();
          const document = structuredClone(modelJson);
          const slots = sizeSlots(document);
          for (const [pick, value] of edits) {
            const [container, key] = slots[pick % slots.length]!;
            (container as Record<string | number, unknown>)[key] = value;
          }
          await loadFiles(JSON.stringify(document), weights);
        },
      ),
    },
    {
      name: 'damaged weights.bin bytes load (other weights) or are refused naming the folder',
      ciRuns: 200,
      property: fc.asyncProperty(byteMutations(), async (mutations) => {
        const { modelJson, weights } = await valid();
        await loadFiles(JSON.stringify(modelJson), applyMutations(weights, mutations));
      }),
    },
    {
      name: 'damaged model.json bytes (truncated, flipped, not UTF-8) are refused naming the folder',
      ciRuns: 100,
      property: fc.asyncProperty(byteMutations(), async (mutations) => {
        const { modelJson, weights } = await valid();
        await loadFiles(
          applyMutations(new TextEncoder().encode(JSON.stringify(modelJson)), mutations),
          weights,
        );
      }),
    },
  ];
}

/** A small model folder, saved as `nnunet train` does; its files are what the damage properties start from. */
async function saveTemplate(scratch: string): Promise<Template> {
  await initBackend();
  const spec: SmallModel = fc.sample(smallModel, { numRuns: 1, seed: 1 })[0]!;
  const folder = await mkdtemp(path.join(scratch, 'template-'));
  const model = buildUNet({
    topology: spec.plan.plan.topology,
    inChannels: spec.channels,
    classes: spec.plan.classes,
    seed: 1,
  });
  try {
    await saveModelFolder(folder, model, spec.plan);
  } finally {
    model.dispose();
  }
  return {
    modelJson: JSON.parse(await readFile(path.join(folder, 'model.json'), 'utf8')) as Json,
    weights: new Uint8Array(await readFile(path.join(folder, 'weights.bin'))),
  };
}
