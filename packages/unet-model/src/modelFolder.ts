import { fileIOHandler, tf } from '@nnunet-ts/tf-backend';
// Importing the custom layers registers them, so that saved models load.
import './layers/GroupNormalization';
import './layers/InstanceNormalization';
import './layers/NearestUpsampling';
import './layers/HeNormal';

/**
 * Saves a model folder (`model.json` + `weights.bin`, written atomically) with the plan it was
 * trained for stored inside `model.json`, so the folder alone is enough to predict.
 */
export async function saveUNet(folder: string, model: tf.LayersModel, plan: unknown): Promise<void> {
  model.setUserDefinedMetadata({ nnunetTs: { plan } });
  await model.save(fileIOHandler(folder));
}

/** Loads a folder written by `saveUNet`: the model and its plan. */
export async function loadUNet<Plan = unknown>(
  folder: string,
): Promise<{ model: tf.LayersModel; plan: Plan }> {
  const model = await tf.loadLayersModel(fileIOHandler(folder));
  const metadata = model.getUserDefinedMetadata() as { nnunetTs?: { plan?: Plan } } | undefined;
  if (!metadata?.nnunetTs || !('plan' in metadata.nnunetTs)) {
    model.dispose();
    throw new Error(`${folder}: model.json has no nnunet-ts plan; was it saved by saveUNet?`);
  }
  return { model, plan: metadata.nnunetTs.plan as Plan };
}
