import path from 'node:path';
import { defaultDataRoot, synthOptionsSchema, synthesizeDataset } from '@nnunet-ts/datasets';
import { z } from 'zod';
import { defineCommand } from '../internal/defineCommand';

/** The phantom's folder name under the data folder, so that `--task 00` finds it. */
const PHANTOM_FOLDER = 'Task00_Phantom';

export const synthOptions = synthOptionsSchema.extend({
  out: z
    .string()
    .optional()
    .describe(`output folder (default: ${PHANTOM_FOLDER} in the data folder, $NNUNET_DATA or ./data)`),
});

export const synthCommand = defineCommand({
  name: 'synth',
  summary: 'write a seeded phantom dataset (MSD layout): the demo and test data',
  description:
    'Write a phantom dataset in the MSD layout: a body holding an organ, a lesion inside it and optionally a ' +
    'kidney, as random blobs with texture and noise, with CT-like (HU) or MR-like intensities, 1 or 2 channels, ' +
    'optionally anisotropic voxels. The same seed writes byte-identical files. imagesTs gets test cases, with ' +
    'their ground truth in labelsTs.',
  options: synthOptions,
  async run({ out, ...options }, io) {
    const folder = path.resolve(out ?? path.join(defaultDataRoot(io.env), PHANTOM_FOLDER));
    const dataset = await synthesizeDataset(folder, options);
    const labels = [...dataset.labels.values()].slice(1).join(', ');
    io.stdout.write(
      `wrote ${dataset.training.length} training and ${dataset.test.length} test cases ` +
        `(${dataset.channelNames.join(' + ')}; labels ${labels}) to ${folder}\n`,
    );
    return 0;
  },
});
