// Test helpers (left out of the published files): the shared CT dataset and a results folder
// laid out like a trainer's, pointing at it.
import { existsSync, realpathSync } from 'node:fs';
import { appendFile, copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, dlloggerBackend } from '@nnunet-ts/logging';
import { formatSummary, summarizeCases, type CaseResult } from '@nnunet-ts/losses-metrics';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
/** The shared CT dataset beside the repository (present in CI): 122 × 101 × 10 voxels of 3 mm, classes 1..3. */
const sharedCtPath = path.resolve(repoRoot, '../shared/data/msd_totalseg_ct');
// the real path, as the viewer reports files (../shared may be a link)
export const sharedCt = existsSync(sharedCtPath) ? realpathSync(sharedCtPath) : sharedCtPath;

/** Whether the shared CT dataset is there; says why the dependent tests are skipped when it is not. */
export function haveSharedCt(): boolean {
  const ok = existsSync(path.join(sharedCt, 'dataset.json'));
  if (!ok) console.warn(`[viewer] skipping tests on ${sharedCt}: folder not found`);
  return ok;
}

export const ctImage = (id: string) => path.join(sharedCt, 'imagesTr', `${id}.nii.gz`);
export const ctLabel = (id: string) => path.join(sharedCt, 'labelsTr', `${id}.nii.gz`);

/** Per-case metrics the fixture's summary.json holds (NaN where a class is in neither map). */
export const FIXTURE_METRICS: Record<string, Record<string, { Dice: number; IoU: number }>> = {
  ct_001: { '1': { Dice: 0.9, IoU: 0.8 }, '2': { Dice: 0.7, IoU: 0.6 }, '3': { Dice: 0.5, IoU: 0.4 } },
  ct_002: {
    '1': { Dice: 0.8, IoU: 0.7 },
    '2': { Dice: 0.6, IoU: 0.5 },
    '3': { Dice: Number.NaN, IoU: Number.NaN },
  },
};

/** Epochs of the fixture's DLLogger log, each with 4 logged iterations. */
export const FIXTURE_EPOCHS = 3;

export interface ResultsFolder {
  root: string;
  /** the predictions the summary names, and one that no summary names */
  predictions: { ct_001: string; ct_002: string; ct_003: string };
  outside: string;
  cleanup(): Promise<void>;
}

/**
 * A results folder: `dllogger.json` (written by the logging package, with one line cut short),
 * `fold_0/validation/` with two predictions (copies of the reference labels) and a summary.json that
 * names them and the shared labels, `fold_0/extra/ct_003.nii.gz` that no summary names, and entries
 * the scan must skip (a hidden folder, a link to a file outside).
 */
export async function makeResultsFolder(): Promise<ResultsFolder> {
  const parent = await mkdtemp(path.join(tmpdir(), 'viewer-results-'));
  const root = path.join(parent, 'Task_CT');
  const validation = path.join(root, 'fold_0', 'validation');
  await mkdir(validation, { recursive: true });
  await mkdir(path.join(root, 'fold_0', 'extra'));
  await mkdir(path.join(root, '.hidden'));
  const predictions = {
    ct_001: path.join(validation, 'ct_001.nii.gz'),
    ct_002: path.join(validation, 'ct_002.nii.gz'),
    ct_003: path.join(root, 'fold_0', 'extra', 'ct_003.nii.gz'),
  };
  for (const [id, file] of Object.entries(predictions)) await copyFile(ctLabel(id), file);
  await copyFile(ctLabel('ct_004'), path.join(root, '.hidden', 'ct_004.nii.gz'));
  const outside = path.join(parent, 'outside.nii.gz');
  await copyFile(ctLabel('ct_005'), outside);
  await symlink(outside, path.join(root, 'fold_0', 'link.nii.gz'));

  const cases: CaseResult[] = Object.entries(FIXTURE_METRICS).map(([id, metrics]) => ({
    prediction_file: predictions[id as 'ct_001'],
    reference_file: ctLabel(id),
    metrics: Object.fromEntries(
      Object.entries(metrics).map(([c, m]) => [c, { ...m, TP: 0, FP: 0, FN: 0, TN: 0, n_pred: 0, n_ref: 0 }]),
    ),
  }));
  await writeFile(path.join(validation, 'summary.json'), formatSummary(summarizeCases(cases)));

  const logFile = path.join(root, 'dllogger.json');
  let clock = 1_700_000_000_000;
  const logger = createLogger({ backends: [dlloggerBackend({ path: logFile })], now: () => (clock += 1000) });
  logger.log('PARAMETER', { learning_rate: 0.001, fold: 0 });
  for (let epoch = 0; epoch < FIXTURE_EPOCHS; epoch++) {
    for (let it = 0; it < 4; it++) logger.log([epoch, it], { train_loss: 1 / (1 + epoch + it / 4) });
    logger.log([epoch], {
      dice: 0.3 + 0.2 * epoch,
      L1: 0.4 + 0.2 * epoch,
      L2: 0.2 + 0.2 * epoch,
      lr: 0.001 * (1 - epoch / 3),
    });
  }
  await logger.close();
  await appendFile(logFile, 'DLLL {"timestamp": "17000');

  return { root, predictions, outside, cleanup: () => rm(parent, { recursive: true, force: true }) };
}
