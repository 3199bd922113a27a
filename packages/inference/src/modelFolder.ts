import { join } from 'node:path';
import { parseModelPlan, type ModelPlan } from '@nnunet-ts/plans';
import type { tf } from '@nnunet-ts/tf-backend';
import { loadUNet, saveUNet } from '@nnunet-ts/unet-model';
import { checkModelJson } from './internal/checkModelJson';
import { tfjsEnsembleMember, type EnsembleMember } from './modelEnsemble';

/**
 * Writes a self-contained model folder (`model.json` with the plan inside, `weights.bin`; each file
 * atomically). The plan is checked first, so that no folder is written that `loadModelFolder` refuses.
 */
export async function saveModelFolder(folder: string, model: tf.LayersModel, plan: ModelPlan): Promise<void> {
  await saveUNet(folder, model, parseModelPlan(plan, join(folder, 'model.json')));
}

/** Loads a model folder and checks its plan (`modelPlanOf`); errors name `model.json` and the field. */
export async function loadModelFolder(folder: string): Promise<EnsembleMember> {
  const source = join(folder, 'model.json');
  await checkModelJson(source);
  let model: tf.LayersModel;
  try {
    ({ model } = await loadUNet(folder));
  } catch (error) {
    // tfjs's own errors name no file (a TypeError from a malformed layer, a RangeError from deep nesting)
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${source}: cannot load the model: ${reason}`, { cause: error });
  }
  try {
    return tfjsEnsembleMember(model, source);
  } catch (error) {
    model.dispose();
    throw error;
  }
}
