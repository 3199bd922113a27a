import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentOwner, ownerTag } from '@nnunet-ts/io-nifti';
import type { Batch } from '../Batch';
import {
  createTrainingLoader,
  type TrainingLoader,
  type TrainingLoaderOptions,
} from '../createTrainingLoader';
import { memorySource } from '../memorySource';
import { openStoreSource } from '../openStoreSource';
import { WorkerCrashError, type WorkerCrash } from '../WorkerCrashError';
import { crashingSource } from './testing/crashingSource';
import { syntheticCase } from './testing/syntheticCase';
import { writeStore } from './testing/writeStore';

// Worker processes run the TypeScript sources through tsx: each takes a second or two to start here.
const cases = Array.from({ length: 5 }, (_, i) =>
  syntheticCase(`w${i}`, [18, 20, 22], 2, [{ center: [5 + 2 * i, 10, 11], radius: 3, label: 1 + (i % 3) }]),
);
const base: TrainingLoaderOptions = {
  source: memorySource(cases),
  dim: 3,
  patch: [8, 8, 8],
  batchSize: 2,
  seed: 21,
  stepsPerEpoch: 4,
  augment: 'nnunet',
};

/** Batches 0..stepsPerEpoch-1 of the given epochs, all requested at once (the workers share them out). */
async function batches(loader: TrainingLoader, epochs: number[]): Promise<Batch[]> {
  return Promise.all(
    epochs.flatMap((e) => Array.from({ length: loader.stepsPerEpoch }, (_, s) => loader.batch(e, s))),
  );
}

describe('worker processes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loader-workers-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('give the same batches as the in-process loader, whatever their number', async () => {
    const reference = await batches(await createTrainingLoader(base), [0, 1]);
    for (const numWorkers of [1, 2]) {
      const loader = await createTrainingLoader({ ...base, numWorkers });
      try {
        expect(await batches(loader, [0, 1])).toEqual(reference);
      } finally {
        await loader.close();
      }
    }
  });

  it('read the preprocessed store from disk and agree with the same cases in memory', async () => {
    await writeStore(dir, cases);
    const options = {
      ...base,
      dim: 2 as const,
      patch: [12, 12],
      batchSize: 4,
      nvol: 2,
      augment: 'nvidia' as const,
    };
    const reference = await batches(await createTrainingLoader(options), [3]);
    const loader = await createTrainingLoader({
      ...options,
      source: await openStoreSource(dir),
      numWorkers: 2,
    });
    try {
      expect(await batches(loader, [3])).toEqual(reference);
    } finally {
      await loader.close();
    }
  });

  it('report a worker that dies on a case with the case id, replace it and retry the sample', async () => {
    const crashes: WorkerCrash[] = [];
    const marker = join(dir, 'crashed-once');
    const reference = await batches(await createTrainingLoader(base), [0]);
    const loader = await createTrainingLoader({
      ...base,
      source: crashingSource(cases, 'w3', marker),
      numWorkers: 2,
      onWorkerCrash: (crash) => crashes.push(crash),
    });
    try {
      expect(await batches(loader, [0])).toEqual(reference);
      expect(crashes).toEqual([
        expect.objectContaining({ caseId: 'w3', exitCode: 86, signal: null, attempt: 1, willRetry: true }),
      ]);
    } finally {
      await loader.close();
    }
  });

  it('fail the batch with the case id when its worker dies on every attempt, and go on with others', async () => {
    const crashes: WorkerCrash[] = [];
    const loader = await createTrainingLoader({
      ...base,
      source: crashingSource(cases, 'w2'),
      numWorkers: 2,
      maxRetries: 1,
      onWorkerCrash: (crash) => crashes.push(crash),
    });
    try {
      const order = loader.epochCases(0);
      const steps = [0, 1].map((s) => ({ s, ids: [order[2 * s], order[(2 * s + 1) % 5]] }));
      const doomed = steps.find((x) => x.ids.includes('w2'))!;
      const fine = steps.find((x) => !x.ids.includes('w2'))!;
      const error = await loader.batch(0, doomed.s).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkerCrashError);
      expect((error as Error).message).toMatch(
        /died \(exit code 86\) while making a sample of case 'w2' \(2 attempts\)/,
      );
      expect(crashes.map((c) => [c.caseId, c.attempt, c.willRetry])).toEqual([
        ['w2', 1, true],
        ['w2', 2, false],
      ]);
      // The replacement workers carry on.
      expect((await loader.batch(0, fine.s)).caseIds).toEqual(fine.ids);
    } finally {
      await loader.close();
    }
  });

  it('fail every batch, without hanging, when a worker cannot open the source', async () => {
    const source = await openStoreSource(dir);
    const loader = await createTrainingLoader({
      ...base,
      source: { ...source, recipe: { ...source.recipe!, args: [join(dir, 'gone')] } },
      numWorkers: 1,
    });
    try {
      await expect(loader.batch(0, 0)).rejects.toThrow(
        /loader worker 0 cannot open the case source: .*gone.store\.json: not a preprocessed store/,
      );
      await expect(loader.batch(0, 1)).rejects.toThrow(/cannot open the case source/);
    } finally {
      await loader.close();
    }
  });

  it('pass on a sample that fails in a worker with its case id', async () => {
    const wide = { ...syntheticCase('wide', [8, 8, 8], 1), label: new Uint16Array(512).fill(300) };
    const loader = await createTrainingLoader({
      ...base,
      source: memorySource([wide]),
      patch: [4, 4, 4],
      numWorkers: 1,
    });
    try {
      await expect(loader.batch(0, 0)).rejects.toThrow(/case 'wide': .*class id 300 at voxel 0/);
    } finally {
      await loader.close();
    }
  });

  it('fail the batches still being made when the loader is closed', async () => {
    const loader = await createTrainingLoader({ ...base, numWorkers: 1 });
    const pending = expect(loader.batch(0, 0)).rejects.toThrow('the loader was closed');
    await loader.close();
    await pending;
    await expect(loader.batch(0, 1)).rejects.toThrow('the loader is closed');
  });

  it('do not keep a program alive once idle, whether it closes the loader or not', () => {
    const script = fileURLToPath(new URL('./testing/loaderProgram.ts', import.meta.url));
    const tsx = createRequire(import.meta.url).resolve('tsx');
    for (const [args, output] of [
      [[], 'only,only'],
      [['close'], 'only,only\nclosed'],
    ] as const) {
      // The timeout only stops a hang from stalling the suite; a live worker would hold the program open.
      const run = spawnSync(
        process.execPath,
        ['--conditions=@nnunet-ts/source', '--import', tsx, script, ...args],
        {
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      expect(run.error).toBeUndefined();
      expect(run.stderr).toBe('');
      expect(run.stdout.trim()).toBe(output);
      // 13 would mean the program ended with close() still waiting.
      expect(run.status).toBe(0);
    }
  });

  it('a SIGKILLed program takes its workers with it, and the next loader removes its /dev/shm folder', async () => {
    const script = fileURLToPath(new URL('./testing/loaderProgram.ts', import.meta.url));
    const tsx = createRequire(import.meta.url).resolve('tsx');
    const program = spawn(
      process.execPath,
      ['--conditions=@nnunet-ts/source', '--import', tsx, script, 'wait'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve) => program.stdout.once('data', () => resolve()));
    const workers = childrenOf(program.pid!);
    expect(workers).toHaveLength(1);
    const scratch = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
    const ours = () =>
      readdirSync(scratch).filter((n) =>
        n.startsWith(`nnunet-loader-${ownerTag({ ...currentOwner(), pid: program.pid! })}-`),
      );
    expect(ours()).toHaveLength(1);

    program.kill('SIGKILL');
    await new Promise((resolve) => program.once('exit', resolve));
    // the worker sees its parent's end of the IPC channel close and exits
    const deadline = Date.now() + 20_000;
    while (workers.some(isRunning) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(workers.filter(isRunning)).toEqual([]);
    expect(ours()).toHaveLength(1); // SIGKILL ran no cleanup

    const next = await createTrainingLoader({ ...base, numWorkers: 1 });
    try {
      expect(ours()).toEqual([]);
    } finally {
      await next.close();
    }
  });
});

/** The processes whose parent is `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        // the fields after the command name, which is in parentheses: state, ppid, ...
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
