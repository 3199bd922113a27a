import type { PreprocessedCase } from '../case/preprocessCase';
import { writeJsonFile } from '../internal/jsonFile';
import { writeNpy } from '../npy/writeNpy';
import { caseFiles } from './storeLayout';

/**
 * Writes a case into a store folder: `{id}_x.npy` ([D, H, W, C] float32), `{id}_y.npy` ([D, H, W]) when
 * there is a label, and last `{id}.json`, whose presence marks the case as finished. Each file is written
 * atomically.
 */
export async function writePreprocessedCase(
  dir: string,
  { image, label, meta }: PreprocessedCase,
): Promise<void> {
  const files = caseFiles(dir, meta.id);
  await writeNpy(files.image, image, [...meta.shape, meta.channels]);
  if (label) await writeNpy(files.label, label, meta.shape);
  await writeJsonFile(files.meta, meta, { pretty: false });
}
