import { join } from 'node:path';
import type { Shape3 } from '@nnunet-ts/augment';
import { openStore, readNpy, type NpyArray, type StoredArrays } from '@nnunet-ts/preprocessing';
import type { CaseArrays, CaseHeader, CaseSource, Region } from './CaseSource';

/**
 * A preprocessed store (a training or val store folder written by `preprocessDataset`) as a case source:
 * its finished cases, their shape and channels from `{id}.json`, and regions read from `{id}_x.npy` and
 * `{id}_y.npy` without loading the rest of the case.
 */
export async function openStoreSource(dir: string): Promise<CaseSource> {
  const store = await openStore(dir);
  if (store.manifest.mode === 'test') {
    throw new Error(
      `openStoreSource: ${dir} is a test store: its cases have no labels to train or validate on`,
    );
  }
  if (store.caseIds.length === 0) throw new Error(`openStoreSource: ${dir} holds no finished case`);
  const headers = new Map<string, Promise<CaseHeader>>();

  const header = (id: string): Promise<CaseHeader> => {
    let h = headers.get(id);
    if (!h) {
      h = store.readMeta(id).then(({ shape, channels }) => ({ shape, channels }));
      headers.set(id, h);
      // A failed read is not cached, so that a case finished meanwhile is picked up.
      h.catch(() => headers.delete(id));
    }
    return h;
  };

  return {
    ids: store.caseIds,
    header,
    read: async (id: string, region?: Region): Promise<CaseArrays> => {
      const { shape, channels } = await header(id);
      const stored = region
        ? await store.readRegion(id, region.start, region.size)
        : await store.readCase(id);
      return checked(dir, id, stored, region ? region.size : shape, channels);
    },
    readLabel: async (id) => {
      const { shape } = await header(id);
      const file = join(dir, `${id}_y.npy`);
      return labelData(file, await readNpy(file), shape);
    },
    recipe: { module: import.meta.url, factory: 'openStoreSource', args: [dir] },
  };
}

/** The stored arrays as a case, after checking them against the case's metadata. */
function checked(dir: string, id: string, stored: StoredArrays, shape: Shape3, channels: number): CaseArrays {
  const { image, label } = stored;
  const file = join(dir, `${id}_x.npy`);
  if (!(image.data instanceof Float32Array) || !sameShape(image.shape, [...shape, channels])) {
    throw new Error(
      `${file}: expected float32 [${[...shape, channels].join(', ')}] as ${id}.json describes, got ${image.dtype} [${image.shape.join(', ')}]`,
    );
  }
  if (!label) throw new Error(`${join(dir, `${id}_y.npy`)}: the case has no label`);
  return { image: image.data, label: labelData(join(dir, `${id}_y.npy`), label, shape), shape, channels };
}

function labelData(file: string, array: NpyArray, shape: Shape3): Uint8Array | Uint16Array {
  if (
    !(array.data instanceof Uint8Array || array.data instanceof Uint16Array) ||
    !sameShape(array.shape, shape)
  ) {
    throw new Error(
      `${file}: expected uint8 or uint16 [${shape.join(', ')}], got ${array.dtype} [${array.shape.join(', ')}]`,
    );
  }
  return array.data;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}
