import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CaseMetadata } from '../case/CaseMetadata';
import type { NpyArray } from '../npy/NpyArray';
import { readNpy } from '../npy/readNpy';
import { readNpyRegion } from '../npy/readNpyRegion';
import { parseStoreManifest, type StoreManifest } from '@nnunet-ts/plans';
import { caseFiles, STORE_MANIFEST_FILE } from './storeLayout';

/** A case's stored arrays: image [D, H, W, C] float32, label [D, H, W] (training and val stores). */
export interface StoredArrays {
  image: NpyArray;
  label?: NpyArray;
}

/** Read access to a preprocessed store folder, as the data loader and prediction use it. */
export interface PreprocessedStore {
  readonly dir: string;
  readonly manifest: StoreManifest;
  /** finished cases (their metadata file exists), sorted */
  readonly caseIds: readonly string[];
  readMeta(id: string): Promise<CaseMetadata>;
  readCase(id: string): Promise<StoredArrays & { meta: CaseMetadata }>;
  /**
   * The box `start`..`start + size` ([d, h, w]) of a case's image (all channels) and label, reading only
   * the rows it covers; parts outside the arrays are 0 (so a patch may hang over the border).
   */
  readRegion(id: string, start: readonly number[], size: readonly number[]): Promise<StoredArrays>;
}

/** Opens a store folder written by `preprocessDataset`: reads `store.json` and lists the finished cases. */
export async function openStore(dir: string): Promise<PreprocessedStore> {
  const manifestFile = path.join(dir, STORE_MANIFEST_FILE);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(manifestFile, 'utf8'));
  } catch (error) {
    throw new Error(`${manifestFile}: not a preprocessed store (${(error as Error).message})`, {
      cause: error,
    });
  }
  const manifest = parseStoreManifest(json, manifestFile);
  const entries = new Set(await readdir(dir));
  const caseIds = [...entries]
    .filter((name) => name.endsWith('.json') && name !== STORE_MANIFEST_FILE && !name.startsWith('.'))
    .map((name) => name.slice(0, -'.json'.length))
    .filter((id) => entries.has(`${id}_x.npy`))
    .sort();
  const known = new Set(caseIds);
  const filesOf = (id: string) => {
    if (!known.has(id)) throw new Error(`${dir}: no finished case '${id}' in this store`);
    return caseFiles(dir, id);
  };
  const hasLabel = manifest.mode !== 'test';
  const readMeta = async (id: string): Promise<CaseMetadata> =>
    JSON.parse(await readFile(filesOf(id).meta, 'utf8')) as CaseMetadata;
  return {
    dir,
    manifest,
    caseIds,
    readMeta,
    async readCase(id) {
      const files = filesOf(id);
      const [meta, image, label] = await Promise.all([
        readMeta(id),
        readNpy(files.image),
        hasLabel ? readNpy(files.label) : undefined,
      ]);
      return { meta, image, ...(label ? { label } : {}) };
    },
    async readRegion(id, start, size) {
      const files = filesOf(id);
      const [image, label] = await Promise.all([
        readNpyRegion(files.image, start, size),
        hasLabel ? readNpyRegion(files.label, start, size) : undefined,
      ]);
      return { image, ...(label ? { label } : {}) };
    },
  };
}
