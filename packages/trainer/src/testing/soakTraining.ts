import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { synthesizeDataset } from '@nnunet-ts/datasets';
import { tf } from '@nnunet-ts/tf-backend';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { train } from '../train';

/**
 * A full garbage collection, so that a sample is what the run holds, not garbage V8 has not yet
 * collected (without it the heap climbs for hundreds of steps before a major collection).
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** What a long run holds, sampled after a training step. */
export interface SoakSample {
  step: number;
  rssMiB: number;
  /** V8's heap in use and the memory of ArrayBuffers (typed arrays, tfjs's CPU tensors) */
  heapMiB: number;
  arrayBuffersMiB: number;
  tensors: number;
  openFiles: number;
}

export interface SoakOptions {
  steps: number;
  /** sample after every `every` steps (and after the first) */
  every: number;
  stepsPerEpoch: number;
  /** loader worker processes */
  numWorkers: number;
}

/**
 * Trains a small phantom for `steps` steps through `train` (loader, validation and checkpoints every
 * epoch, as a long run does), sampling after a full garbage collection the resident memory, the
 * heap, tfjs's live tensors and this process's open file descriptors: a leak shows as a figure that
 * grows with the steps.
 */
export async function soakTraining(options: SoakOptions): Promise<SoakSample[]> {
  const dir = await mkdtemp(join(tmpdir(), 'nnunet-soak-'));
  const samples: SoakSample[] = [];
  try {
    const data = join(dir, 'Task00_Phantom');
    await synthesizeDataset(data, { cases: 4, testCases: 1, shape: '16,16,12', seed: 9 });
    const { stepsPerEpoch } = options;
    await train(
      {
        data,
        results: join(dir, 'results'),
        epochs: Math.ceil(options.steps / stepsPerEpoch),
        stepsPerEpoch,
        nfolds: 2,
        baseFilters: 4,
        maxFilters: 8,
        numWorkers: options.numWorkers,
        seed: 1,
        quiet: true,
      },
      {
        consoleStream: new Writable({ write: (_chunk, _encoding, done) => done() }),
        onStep: ({ epoch, step }) => {
          const global = epoch * stepsPerEpoch + step;
          if (global !== 1 && global % options.every !== 0) return;
          collectGarbage();
          const memory = process.memoryUsage();
          samples.push({
            step: global,
            rssMiB: memory.rss / 2 ** 20,
            heapMiB: memory.heapUsed / 2 ** 20,
            arrayBuffersMiB: memory.arrayBuffers / 2 ** 20,
            tensors: tf.memory().numTensors,
            openFiles: readdirSync('/proc/self/fd').length,
          });
        },
      },
    );
    return samples;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
