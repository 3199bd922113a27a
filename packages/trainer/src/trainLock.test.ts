import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeDataset } from '@nnunet-ts/datasets';
import { currentOwner } from '@nnunet-ts/io-nifti';
import { train } from './train';

const dir = mkdtempSync(join(tmpdir(), 'nnunet-train-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('one training per checkpoint folder', () => {
  it('a second train on the same fold fails naming the first; a dead one’s lock is taken over', async () => {
    const data = join(dir, 'Task00_Phantom');
    await synthesizeDataset(data, { cases: 4, testCases: 1, shape: '16,16,12', seed: 3 });
    const options = {
      data,
      results: join(dir, 'results'),
      epochs: 1,
      nfolds: 2,
      baseFilters: 4,
      maxFilters: 8,
      numWorkers: 0,
      seed: 1,
      quiet: true,
    };
    const notes: string[] = [];
    const hooks = {
      note: (line: string) => notes.push(line),
      consoleStream: new Writable({ write: (_chunk, _encoding, done) => done() }),
    };
    const ckpt = join(dir, 'results', 'Task00_Phantom', '3d_fullres', 'fold_0', 'ckpt');
    const lock = join(ckpt, 'train.lock');
    mkdirSync(ckpt, { recursive: true });
    const holder = (pid: number) =>
      JSON.stringify({
        ...currentOwner(),
        pid,
        purpose: 'nnunet train fold 0',
        since: '2026-12-07T10:00:00.000Z',
      });

    // a running training (its parent, alive) holds the folder
    writeFileSync(lock, holder(process.ppid));
    await expect(train(options, hooks)).rejects.toThrow(
      `${lock}: held by pid ${process.ppid} on ${currentOwner().host} (nnunet train fold 0, since 2026-12-07T10:00:00.000Z): nnunet train fold 0 cannot run here at the same time`,
    );
    expect(existsSync(join(ckpt, 'last.ckpt'))).toBe(false);

    // a training that was killed left its lock: this one takes over, trains, and leaves no lock
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(lock, holder(dead));
    const result = await train(options, hooks);
    expect(result.summary.epoch).toBe(1);
    expect(notes).toContain(
      `${lock}: taking over the lock of pid ${dead} on ${currentOwner().host} (nnunet train fold 0, since 2026-12-07T10:00:00.000Z), which is no longer running`,
    );
    expect(existsSync(lock)).toBe(false);
    expect(existsSync(join(ckpt, 'last.ckpt'))).toBe(true);
  }, 120_000);
});
