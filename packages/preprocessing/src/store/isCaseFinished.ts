import { access, readFile } from 'node:fs/promises';
import type { CaseMetadata } from '../case/CaseMetadata';
import { caseFiles } from './storeLayout';

/** True when a case's files are all in the store and were made with the plan whose hash is `planHash`. */
export async function isCaseFinished(
  dir: string,
  id: string,
  planHash: string,
  withLabel: boolean,
): Promise<boolean> {
  const files = caseFiles(dir, id);
  try {
    await Promise.all([access(files.image), ...(withLabel ? [access(files.label)] : [])]);
    const meta = JSON.parse(await readFile(files.meta, 'utf8')) as CaseMetadata;
    return meta.planHash === planHash;
  } catch {
    return false;
  }
}
