import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Shape3 } from '@nnunet-ts/augment';
import { readNpy, readNpyHeader, readNpyRegion, type NpyArray } from '@nnunet-ts/preprocessing';
import type { CaseArrays, CaseHeader, CaseSource, Region } from './CaseSource';

const IMAGE_SUFFIX = '_x.npy';
const LABEL_SUFFIX = '_y.npy';

/**
 * The preprocessed store as a case source: a folder with `{id}_x.npy` (float32 [D, H, W, C]) and
 * `{id}_y.npy` (uint8 or uint16 [D, H, W]) per case. Regions are read from disk without loading the
 * rest of the case. The case ids are those of the `_x.npy` files, sorted.
 */
export async function openStoreSource(dir: string): Promise<CaseSource> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new Error(`openStoreSource: cannot list ${dir}: ${(error as Error).message}`, { cause: error });
  }
  const ids = names
    .filter((n) => n.endsWith(IMAGE_SUFFIX))
    .map((n) => n.slice(0, -IMAGE_SUFFIX.length))
    .sort();
  if (ids.length === 0)
    throw new Error(`openStoreSource: ${dir} holds no preprocessed case (*${IMAGE_SUFFIX})`);
  const known = new Set(ids);
  const headers = new Map<string, Promise<CaseHeader>>();
  const files = (id: string) => {
    if (!known.has(id)) throw new RangeError(`openStoreSource: ${dir} has no case '${id}'`);
    return { x: join(dir, id + IMAGE_SUFFIX), y: join(dir, id + LABEL_SUFFIX) };
  };

  const header = (id: string): Promise<CaseHeader> => {
    let h = headers.get(id);
    if (!h) {
      h = readHeader(files(id));
      headers.set(id, h);
      // A failed read is not cached, so that a repaired file is picked up.
      h.catch(() => headers.delete(id));
    }
    return h;
  };

  return {
    ids,
    header,
    read: async (id: string, region?: Region): Promise<CaseArrays> => {
      const { x, y } = files(id);
      const { shape, channels } = await header(id);
      const [image, label] = region
        ? await Promise.all([
            readNpyRegion(x, region.start, region.size),
            readNpyRegion(y, region.start, region.size),
          ])
        : await Promise.all([readNpy(x), readNpy(y)]);
      return {
        image: image.data as Float32Array,
        label: labelData(y, label),
        shape: region ? region.size : shape,
        channels,
      };
    },
    readLabel: async (id) => {
      const { y } = files(id);
      await header(id);
      return labelData(y, await readNpy(y));
    },
    recipe: { module: import.meta.url, factory: 'openStoreSource', args: [dir] },
  };
}

async function readHeader({ x, y }: { x: string; y: string }): Promise<CaseHeader> {
  const [image, label] = await Promise.all([readNpyHeader(x), readNpyHeader(y)]);
  if (image.dtype !== 'float32' || image.shape.length !== 4) {
    throw new Error(
      `${x}: expected a float32 [D, H, W, C] array, got ${image.dtype} [${image.shape.join(', ')}]`,
    );
  }
  if ((label.dtype !== 'uint8' && label.dtype !== 'uint16') || label.shape.length !== 3) {
    throw new Error(
      `${y}: expected a uint8 or uint16 [D, H, W] array, got ${label.dtype} [${label.shape.join(', ')}]`,
    );
  }
  if (label.shape.some((n, a) => n !== image.shape[a])) {
    throw new Error(
      `${y}: shape [${label.shape.join(', ')}] differs from the image's [${image.shape.slice(0, 3).join(', ')}] in ${x}`,
    );
  }
  return { shape: image.shape.slice(0, 3) as unknown as Shape3, channels: image.shape[3] };
}

function labelData(file: string, array: NpyArray): Uint8Array | Uint16Array {
  if (array.data instanceof Uint8Array || array.data instanceof Uint16Array) return array.data;
  throw new Error(`${file}: labels must be uint8 or uint16, got ${array.dtype}`);
}
