import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeNpy } from '@nnunet-ts/preprocessing';
import type { MemoryCase } from '../../memorySource';

/**
 * Writes cases in the preprocessed store's layout: `store.json`, and per case `{id}_x.npy` [D, H, W, C],
 * `{id}_y.npy` [D, H, W] and `{id}.json`. The JSON files hold only what the loader reads from them.
 */
export async function writeStore(
  dir: string,
  cases: readonly MemoryCase[],
  mode: 'training' | 'val' | 'test' = 'training',
): Promise<void> {
  await writeFile(join(dir, 'store.json'), JSON.stringify({ version: 1, mode }));
  for (const c of cases) {
    await writeNpy(join(dir, `${c.id}_x.npy`), c.image, [...c.shape, c.channels]);
    await writeNpy(join(dir, `${c.id}_y.npy`), c.label, c.shape);
    await writeFile(
      join(dir, `${c.id}.json`),
      JSON.stringify({ id: c.id, shape: c.shape, channels: c.channels }),
    );
  }
}
