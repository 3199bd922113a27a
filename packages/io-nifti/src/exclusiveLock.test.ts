import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireExclusiveLock } from './exclusiveLock';
import { currentOwner } from './processOwner';

const dir = mkdtempSync(join(tmpdir(), 'io-nifti-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const lockOf = (name: string) => join(dir, `${name}.lock`);
const holder = (pid: number, host = currentOwner().host) =>
  JSON.stringify({ host, pid, purpose: 'train fold 0', since: '2026-12-07T10:00:00.000Z' });

describe('acquireExclusiveLock', () => {
  it('holds the folder until released; a second taker fails at once naming the holder', async () => {
    const file = lockOf('held');
    const lock = await acquireExclusiveLock(file, 'train fold 0');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      pid: process.pid,
      purpose: 'train fold 0',
    });
    await expect(acquireExclusiveLock(file, 'train fold 0')).rejects.toThrow(
      new RegExp(
        `^${file}: held by pid ${process.pid} on \\S+ \\(train fold 0, since .*\\): train fold 0 cannot run here at the same time$`,
      ),
    );
    await lock.release();
    expect(existsSync(file)).toBe(false);
    const again = await acquireExclusiveLock(file, 'train fold 0');
    await again.release();
    // nothing is left beside the lock
    expect(readdirSync(dir).filter((f) => f.startsWith('.held'))).toEqual([]);
  });

  it('takes over the lock of a dead process of this host, with a note', async () => {
    const file = lockOf('stale');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(file, holder(dead));
    const notes: string[] = [];
    const lock = await acquireExclusiveLock(file, 'train fold 0', { onTakeover: (m) => notes.push(m) });
    expect(notes).toEqual([
      `${file}: taking over the lock of pid ${dead} on ${currentOwner().host} (train fold 0, since 2026-12-07T10:00:00.000Z), which is no longer running`,
    ]);
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    await lock.release();
  });

  it("refuses a live process's lock and another host's, telling how to clear the latter", async () => {
    const live = lockOf('live');
    writeFileSync(live, holder(process.ppid));
    await expect(acquireExclusiveLock(live, 'train')).rejects.toThrow(`held by pid ${process.ppid}`);
    const remote = lockOf('remote');
    writeFileSync(remote, holder(12345, 'node07'));
    await expect(acquireExclusiveLock(remote, 'train')).rejects.toThrow(
      'if that process is no longer running on node07, delete the file',
    );
    const garbled = lockOf('garbled');
    writeFileSync(garbled, 'not json');
    await expect(acquireExclusiveLock(garbled, 'train')).rejects.toThrow(
      `${garbled}: not a lock file of nnunet-ts (delete it if no run uses this folder)`,
    );
  });

  it('a process that exits without releasing removes its lock; one killed leaves it for a takeover', () => {
    const file = lockOf('exit');
    // the module and the lock file come as arguments: [module, lock file, how]
    const script = `const { acquireExclusiveLock } = await import(process.argv[1]);
      await acquireExclusiveLock(process.argv[2], 'train');
      if (process.argv[3] === 'kill') process.kill(process.pid, 'SIGKILL');`;
    const lockModule = fileURLToPath(new URL('./exclusiveLock.ts', import.meta.url));
    const run = (how: string) =>
      spawnSync(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script, lockModule, file, how],
        {
          encoding: 'utf8',
        },
      );
    const exited = run('exit');
    expect(exited.status, exited.stderr).toBe(0);
    expect(existsSync(file)).toBe(false);
    expect(run('kill').signal).toBe('SIGKILL');
    expect(existsSync(file)).toBe(true);
  });
});
