import { join } from 'node:path';
import { parseModelPlan, type ModelPlan } from '@nnunet-ts/plans';
import type { tf } from '@nnunet-ts/tf-backend';
import { loadUNet, saveUNet } from '@nnunet-ts/unet-model';
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
  const { model } = await loadUNet(folder);
  try {
    return tfjsEnsembleMember(model, join(folder, 'model.json'));
  } catch (error) {
    model.dispose();
    throw error;
  }
}
