import path from 'node:path';
import type { ExecMode } from '@nnunet-ts/plans';

/**
 * Where preprocessed data goes when no folder is given: `$NNUNET_RESULTS`, else nnU-Net v2's
 * `$nnUNet_preprocessed`, else `./results` (the seed writes next to its data, under `/data`).
 */
export function defaultResultsRoot(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return path.resolve(env.NNUNET_RESULTS || env.nnUNet_preprocessed || 'results');
}

/** `<results>/<dataset folder name>`: holds `dataset_fingerprint.json`, `plans.json` and the stores. */
export function preprocessedFolder(results: string, datasetFolderName: string): string {
  return path.join(results, datasetFolderName);
}

/** `<results>/<dataset>/<configuration>/<mode>`: one store. */
export function storeFolder(
  results: string,
  datasetFolderName: string,
  configuration: string,
  mode: ExecMode,
): string {
  return path.join(preprocessedFolder(results, datasetFolderName), configuration, mode);
}

export const FINGERPRINT_FILE = 'dataset_fingerprint.json';
export const PLANS_FILE = 'plans.json';
export const STORE_MANIFEST_FILE = 'store.json';

/** The three files of a case in a store: image `{id}_x.npy`, label `{id}_y.npy`, metadata `{id}.json`. */
export function caseFiles(dir: string, id: string): { image: string; label: string; meta: string } {
  if (!/^[\w.-]+$/.test(id) || id.startsWith('.') || id === 'store') {
    throw new Error(
      `case id '${id}' cannot name store files (use letters, digits, '_', '-', '.', not starting with '.', not 'store')`,
    );
  }
  return {
    image: path.join(dir, `${id}_x.npy`),
    label: path.join(dir, `${id}_y.npy`),
    meta: path.join(dir, `${id}.json`),
  };
}
