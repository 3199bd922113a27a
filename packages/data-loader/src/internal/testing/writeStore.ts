import { join } from 'node:path';
import { writeNpy } from '@nnunet-ts/preprocessing';
import type { MemoryCase } from '../../memorySource';

/** Writes cases as the preprocessed store does: {id}_x.npy [D, H, W, C] and {id}_y.npy [D, H, W]. */
export async function writeStore(dir: string, cases: readonly MemoryCase[]): Promise<void> {
  for (const c of cases) {
    await writeNpy(join(dir, `${c.id}_x.npy`), c.image, [...c.shape, c.channels]);
    await writeNpy(join(dir, `${c.id}_y.npy`), c.label, c.shape);
  }
}
