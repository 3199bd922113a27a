import { parsePlans, type Plans } from '@nnunet-ts/plans';
import { readJsonFile } from '../internal/jsonFile';
import type { NoticeListener } from '../pipeline/ProgressEvent';

/**
 * Reads and checks a plans.json (undefined when there is none). An older version is migrated in memory
 * with a notice; only `nnunet plan` rewrites the file. Malformed JSON or plans are an error naming the
 * file and the field.
 */
export async function readPlansFile(file: string, onNotice?: NoticeListener): Promise<Plans | undefined> {
  const json = await readJsonFile<unknown>(file);
  if (json === undefined) return undefined;
  const { plans, migratedFrom } = parsePlans(json, file);
  if (migratedFrom !== undefined) {
    onNotice?.(
      `${file}: plans version ${migratedFrom}, read as version ${plans.version} in memory; \`nnunet plan\` rewrites it`,
    );
  }
  return plans;
}
