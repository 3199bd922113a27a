import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeDataset } from '@nnunet-ts/datasets';
import { saveModelFolder } from '@nnunet-ts/inference';
import { MODEL_PLAN_VERSION, parsePlans } from '@nnunet-ts/plans';
import { initBackend } from '@nnunet-ts/tf-backend';
import { buildUNet } from '@nnunet-ts/unet-model';
import { captureIo } from '../internal/captureIo.fixture';
import { run } from '../internal/run';

// A hand-edited plan is one error naming the file and the field, whichever command reads it.
const dir = mkdtempSync(join(tmpdir(), 'nnunet-cli-plan-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const data = join(dir, 'Task00_Phantom');
const results = join(dir, 'results');
const plansFile = join(results, 'Task00_Phantom', 'plans.json');
let planned: string;

beforeAll(async () => {
  await synthesizeDataset(data, { cases: 2, testCases: 1, shape: '16,16,12', seed: 5 });
  const { io, out } = captureIo();
  expect(await run(['plan', '--data', data, '--results', results], io), out.stderr).toBe(0);
  planned = readFileSync(plansFile, 'utf8');
});

/** The parts of plans.json that the edits touch, as JSON (unchecked). */
interface PlansJson {
  version: number;
  configurations: { '3d_fullres': { batchSize?: number; spacing: unknown[]; patchSize: number[] } };
}

/** The exit code of `nnunet <args>` and its error lines (stderr also carries the backend notice). */
async function failure(args: string[]): Promise<{ code: number; errors: string[] }> {
  const { io, out } = captureIo();
  const code = await run(args, io);
  return { code, errors: out.stderr.split('\n').filter((line) => line.startsWith('nnunet ')) };
}

describe('a hand-edited plans.json', () => {
  const train = ['train', '--data', data, '--results', results, '--epochs', '1', '--num-workers', '0'];
  const edits: [string, (plans: PlansJson) => void, RegExp][] = [
    [
      'a missing field',
      (plans) => delete plans.configurations['3d_fullres'].batchSize,
      /configurations\.3d_fullres\.batchSize: .*expected number/,
    ],
    [
      'a wrong type',
      (plans) => (plans.configurations['3d_fullres'].spacing[0] = 'one'),
      /configurations\.3d_fullres\.spacing\[0\]: .*expected number, received string/,
    ],
    [
      'a patch the strides do not divide',
      (plans) => (plans.configurations['3d_fullres'].patchSize[0] += 1),
      /configurations\.3d_fullres\.patchSize: patch size \d+ on axis 0 is not divisible by the network's total stride \d+ there/,
    ],
    [
      'an unknown version',
      (plans) => (plans.version = 7),
      /version: unknown plans\.json version 7; this nnunet-ts reads versions 1, 2/,
    ],
  ];
  for (const [what, edit, field] of edits) {
    it(`stops train with one line naming the file and the field: ${what}`, async () => {
      const plans = JSON.parse(planned) as PlansJson;
      edit(plans);
      writeFileSync(plansFile, JSON.stringify(plans));
      const { code, errors } = await failure(train);
      expect(code).toBe(1);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(new RegExp(`^nnunet train: ${escape(plansFile)}: `));
      expect(errors[0]).toMatch(field);
    });
  }
});

describe('a hand-edited model.json', () => {
  it('stops predict with one line naming the file and the field', async () => {
    const { plans } = parsePlans(JSON.parse(planned), plansFile);
    const plan = plans.configurations['3d_fullres']!;
    await initBackend({ backend: 'cpu' });
    const model = buildUNet({
      topology: { ...plan.topology, filters: plan.topology.filters.map(() => 2) },
      inChannels: 1,
      classes: 2,
      seed: 1,
    });
    const folder = join(dir, 'model');
    await saveModelFolder(folder, model, {
      version: MODEL_PLAN_VERSION,
      datasetName: plans.datasetName,
      configuration: '3d_fullres',
      plan,
      channelNames: plans.channelNames,
      labels: plans.labels,
      classes: 2,
      fold: 0,
    });
    model.dispose();
    const modelJson = join(folder, 'model.json');
    const json = JSON.parse(readFileSync(modelJson, 'utf8'));
    json.userDefinedMetadata.nnunetTs.plan.plan.patchSize[0] += 1;
    writeFileSync(modelJson, JSON.stringify(json));
    const args = [
      'predict',
      '--input',
      join(data, 'imagesTs'),
      '--model',
      folder,
      '--output',
      join(dir, 'out'),
    ];
    const { code, errors } = await failure(args);
    expect(code).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      new RegExp(
        `^nnunet predict: ${escape(modelJson)}: plan\\.patchSize: patch size \\d+ on axis 0 is not divisible`,
      ),
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
