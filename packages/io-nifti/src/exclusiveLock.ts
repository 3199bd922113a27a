// Node-only. A lock file that says who holds a folder (a training run's checkpoints), so that a
// second process working there fails at once instead of both overwriting each other's files.
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { unlinkSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { currentOwner, isOwnerGone, ownerTag, type ProcessOwner } from './processOwner';

interface LockContent extends ProcessOwner {
  purpose: string;
  since: string;
}

export interface ExclusiveLock {
  readonly file: string;
  /** Removes the lock (if it is still this process's). Also done when the process exits normally. */
  release(): Promise<void>;
}

export interface AcquireLockOptions {
  /** told when the lock of a dead process is taken over */
  onTakeover?: (message: string) => void;
}

const describeHolder = (held: LockContent) =>
  `pid ${held.pid} on ${held.host} (${held.purpose}, since ${held.since})`;

/**
 * Takes `file` as the lock of its folder for `purpose`. The lock appears complete or not at all
 * (written beside it, then hard-linked into place, which fails when it exists). Held by a live
 * process, or by a process of another host (which cannot be checked from here), it is an error
 * naming the holder; held by a dead process of this host (killed, crashed), it is taken over with
 * a note. Two processes taking over one stale lock at the same instant are not told apart.
 */
export async function acquireExclusiveLock(
  file: string,
  purpose: string,
  options: AcquireLockOptions = {},
): Promise<ExclusiveLock> {
  const content: LockContent = { ...currentOwner(), purpose, since: new Date().toISOString() };
  const staged = path.join(path.dirname(file), `.${path.basename(file)}.${ownerTag()}.tmp`);
  await writeFile(staged, `${JSON.stringify(content)}\n`);
  try {
    for (;;) {
      try {
        await link(staged, file);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new Error(`${file}: cannot take the lock: ${(error as Error).message}`, { cause: error });
        }
      }
      const held = await readLock(file);
      if (!held) continue; // released meanwhile
      if (!isOwnerGone(held)) {
        const remote = held.host !== content.host;
        throw new Error(
          `${file}: held by ${describeHolder(held)}: ${purpose} cannot run here at the same time` +
            (remote ? `; if that process is no longer running on ${held.host}, delete the file` : ''),
        );
      }
      options.onTakeover?.(
        `${file}: taking over the lock of ${describeHolder(held)}, which is no longer running`,
      );
      await unlink(file).catch(() => undefined);
    }
  } finally {
    await unlink(staged).catch(() => undefined);
  }
  const releaseOnExit = () => {
    if (isOurs(readLockSync(file), content)) unlinkSync(file);
  };
  process.on('exit', releaseOnExit);
  return {
    file,
    async release() {
      process.off('exit', releaseOnExit);
      if (isOurs(await readLock(file), content)) await unlink(file).catch(() => undefined);
    },
  };
}

const isOurs = (held: LockContent | undefined, ours: LockContent) =>
  held !== undefined && held.host === ours.host && held.pid === ours.pid && held.since === ours.since;

function parseLock(file: string, text: string): LockContent {
  try {
    const held = JSON.parse(text) as LockContent;
    if (typeof held.pid === 'number' && typeof held.host === 'string') return held;
  } catch {
    // fall through
  }
  throw new Error(`${file}: not a lock file of nnunet-ts (delete it if no run uses this folder)`);
}

/** The lock's holder, or undefined when there is no lock. */
async function readLock(file: string): Promise<LockContent | undefined> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  return text === undefined ? undefined : parseLock(file, text);
}

function readLockSync(file: string): LockContent | undefined {
  try {
    return parseLock(file, readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
