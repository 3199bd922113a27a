import { createModelEnsemble, type InferenceOptions, type ModelEnsemble } from './modelEnsemble';
import { loadModelFolder } from './modelFolder';

/** Loads model folders written by `nnunet train` as one ensemble (see `createModelEnsemble`). */
export async function loadModelEnsemble(
  folders: readonly string[],
  inference: InferenceOptions = {},
): Promise<ModelEnsemble> {
  if (folders.length === 0) throw new Error('predict needs at least one model folder');
  const loaded = await Promise.allSettled(folders.map((folder) => loadModelFolder(folder)));
  const members = loaded.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = loaded.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    for (const member of members) member.dispose();
    throw failed.reason;
  }
  return createModelEnsemble(members, inference);
}
