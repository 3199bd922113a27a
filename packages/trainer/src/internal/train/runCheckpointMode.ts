import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { validationCases } from '@nnunet-ts/data-loader';
import { predictStore, saveModelFolder } from '@nnunet-ts/inference';
import { consoleBackend, createLogger, dlloggerBackend } from '@nnunet-ts/logging';
import { BEST_CHECKPOINT, LAST_CHECKPOINT, type TrainingSummary } from '../../runTraining';
import type { TrainHooks } from '../../train';
import { loadTrainingCheckpoint } from '../../trainingCheckpoint';
import type { TrainOptions } from '../../trainOptions';
import { validationDice } from '../../validationDice';
import type { TrainingRun } from './buildTrainingRun';
import type { PreparedData } from './prepareTrainingData';

/**
 * `--exec-mode evaluate|predict|export` on the fold's best checkpoint (else its last): validation Dice
 * logged as `eval_dice_nobg` and `L1..`; or the model folder, and with `predict` the fold's validation
 * cases and the dataset's test images predicted into `preds_{val,test}[_tta]` as the seed names them.
 */
export async function runCheckpointMode(
  mode: 'evaluate' | 'predict' | 'export',
  options: TrainOptions,
  hooks: TrainHooks,
  data: PreparedData,
  run: TrainingRun,
  note: (line: string) => void,
): Promise<TrainingSummary> {
  const path = [BEST_CHECKPOINT, LAST_CHECKPOINT]
    .map((name) => join(run.ckptDir, name))
    .find((p) => existsSync(p));
  if (!path) throw new Error(`--exec-mode ${mode}: no checkpoint in ${run.ckptDir}; train this fold first`);
  if (mode === 'evaluate' && run.fold.val.length === 0) {
    throw new Error('--exec-mode evaluate: --fold all trains on every case and has no validation cases');
  }
  const progress = await loadTrainingCheckpoint(path, run.model, run.optimizer);
  note(`--exec-mode ${mode}: weights of ${path} (epoch ${progress.epoch}, step ${progress.step})`);
  const summary: TrainingSummary = { ...progress, lastTrainLoss: Number.NaN };
  const inference = { overlap: options.overlap, blend: options.blend, tta: options.tta };
  if (mode === 'evaluate') {
    const validation = await validationDice(
      run.model,
      validationCases(run.source, { caseIds: run.fold.val }),
      {
        patchSize: data.plan.patchSize,
        classes: run.modelPlan.classes,
        ...inference,
      },
    );
    const logger = createLogger({
      backends: [
        dlloggerBackend({ path: run.logFile, append: true }),
        consoleBackend({ stream: hooks.consoleStream, quiet: options.quiet }),
      ],
    });
    const record: Record<string, number> = { eval_dice_nobg: validation.meanForeground };
    validation.perClass.forEach((d, i) => (record[`L${i + 1}`] = d));
    logger.log([], record);
    await logger.close();
    const { perClass, meanForeground } = validation;
    return { ...summary, lastValidation: { perClass, meanForeground } };
  }
  await saveModelFolder(run.modelFolder, run.model, run.modelPlan);
  note(`model folder: ${run.modelFolder}`);
  if (mode === 'predict') {
    // --fold all has no validation cases: the test set alone
    const sets = options.fold === 'all' ? [] : [{ set: 'val', store: data.storeDir, fold: options.fold }];
    // a test store's cases are all predicted, whatever the fold
    if (data.testStore) sets.push({ set: 'test', store: await data.testStore(), fold: 0 });
    for (const { set, store, fold } of sets) {
      // as the seed's preds_..._fold_{f}[_tta], so that a --tta run keeps its own predictions
      const output = join(run.runFolder, `preds_${set}${options.tta ? '_tta' : ''}`);
      const written = await predictStore({
        models: [run.modelFolder],
        store,
        output,
        fold,
        nfolds: options.nfolds,
        splitsFile: run.splitsFile,
        saveProbabilities: options.savePreds,
        ...inference,
      });
      note(`${written.length} ${set === 'val' ? 'validation' : 'test'} prediction(s) in ${output}`);
    }
  }
  return summary;
}
