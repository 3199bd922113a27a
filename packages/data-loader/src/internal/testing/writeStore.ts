import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { STORE_MANIFEST_VERSION, type StoreManifest } from '@nnunet-ts/plans';
import { writeNpy } from '@nnunet-ts/preprocessing';
import type { MemoryCase } from '../../memorySource';

/**
 * Writes cases in the preprocessed store's layout: `store.json`, and per case `{id}_x.npy` [D, H, W, C],
 * `{id}_y.npy` [D, H, W] and `{id}.json`. The case JSON holds only what the loader reads from it;
 * `store.json` is a complete, checked manifest of a one-channel, one-class 3D store.
 */
export async function writeStore(
  dir: string,
  cases: readonly MemoryCase[],
  mode: 'training' | 'val' | 'test' = 'training',
): Promise<void> {
  await writeFile(join(dir, 'store.json'), JSON.stringify(manifest(mode)));
  for (const c of cases) {
    await writeNpy(join(dir, `${c.id}_x.npy`), c.image, [...c.shape, c.channels]);
    await writeNpy(join(dir, `${c.id}_y.npy`), c.label, c.shape);
    await writeFile(
      join(dir, `${c.id}.json`),
      JSON.stringify({ id: c.id, shape: c.shape, channels: c.channels }),
    );
  }
}

function manifest(mode: StoreManifest['mode']): StoreManifest {
  const linear = {
    interpolation: 'linear',
    lowResAxisInterpolation: 'nearest',
    anisotropyThreshold: 3,
  } as const;
  return {
    version: STORE_MANIFEST_VERSION,
    datasetName: 'loader-test',
    configuration: '3d_fullres',
    mode,
    channelNames: ['image'],
    labels: { '0': 'background', '1': 'object' },
    plan: {
      dim: 3,
      spacing: [1, 1, 1],
      patchSize: [8, 8, 8],
      medianShape: [8, 8, 8],
      batchSize: 2,
      topologyRule: 'nnunet',
      topology: { kernels: [[3, 3, 3]], strides: [[1, 1, 1]], filters: [4] },
      normalization: [{ scheme: 'none' }],
      resampling: { image: linear, label: linear, probabilities: linear },
    },
  };
}
