// Node-only (node:fs). The one atomic writer of nnunet-ts: every package that writes a file uses it.
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { faultPoint, writePointOf } from './faultPoint';
import { isOwnerGone, ownerTag, parseOwnerTag } from './processOwner';

/** What can be written: text (UTF-8), bytes, or chunks of bytes (a Node stream is an async iterable). */
export type FileContent = string | Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

/** A file written in full under a temporary name beside its destination, not yet in place. */
export interface StagedFile {
  /** the destination */
  readonly file: string;
  /** renames the temporary file over the destination and flushes the folder entry */
  commit(): Promise<void>;
  /** removes the temporary file (after a failure elsewhere) */
  discard(): Promise<void>;
}

/**
 * Writes `content` to `file` so that a reader, or a run restarted after a crash or power loss, sees
 * either the previous file or the complete new one, never a part: the bytes go to a temporary file
 * in the same folder (same file system, so the rename is atomic), are flushed to disk, the file is
 * renamed into place and the folder is flushed so the rename itself survives. The folder must
 * exist. Errors name `file`. The temporary name carries this process's host and pid, so the first
 * write into a folder removes the temporary files that dead processes of this host left there.
 */
export async function writeFileAtomic(file: string, content: FileContent): Promise<void> {
  const staged = await stageFileAtomic(file, content);
  await staged.commit();
}

/**
 * The first half of `writeFileAtomic`: the content written and flushed under a temporary name.
 * Files that must appear in a given order (a NIfTI .img before its .hdr) are staged first and
 * committed in that order.
 */
export async function stageFileAtomic(file: string, content: FileContent): Promise<StagedFile> {
  const folder = path.dirname(file);
  await sweepStaleTemporaries(folder);
  const temporary = path.join(
    folder,
    `.${path.basename(file)}.${ownerTag()}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const discard = () => rm(temporary, { force: true });
  try {
    const handle = await open(temporary, 'wx');
    try {
      let first = true;
      for await (const chunk of chunksOf(content)) {
        if (first) {
          // the injected fault (NNUNET_FAULTS) strikes halfway through the first chunk
          const half = chunk.subarray(0, chunk.byteLength >> 1);
          await writeAll(handle, half);
          faultPoint(writePointOf(file));
          await writeAll(handle, chunk.subarray(half.byteLength));
          first = false;
        } else {
          await writeAll(handle, chunk);
        }
      }
      if (first) faultPoint(writePointOf(file));
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await discard();
    throw writeError(file, error);
  }
  return {
    file,
    discard,
    async commit() {
      try {
        await rename(temporary, file);
      } catch (error) {
        await discard();
        throw writeError(file, error);
      }
      await syncFolder(folder);
    },
  };
}

/** `.<name>.<host>.<pid>.<12 hex>.tmp`, as `stageFileAtomic` names its temporary files */
const TEMPORARY = /^\..+\.([A-Za-z0-9-]+\.\d+)\.[0-9a-f]{12}\.tmp$/;
const sweptFolders = new Set<string>();

/** Removes, once per folder and process, the temporary files of dead processes of this host. */
async function sweepStaleTemporaries(folder: string): Promise<void> {
  const key = path.resolve(folder);
  if (sweptFolders.has(key)) return;
  sweptFolders.add(key);
  // a folder that cannot be listed fails the write itself, with a better message
  const names = await readdir(folder).catch(() => []);
  for (const name of names) {
    const match = TEMPORARY.exec(name);
    const owner = match ? parseOwnerTag(match[1]!) : undefined;
    if (owner && isOwnerGone(owner)) await rm(path.join(folder, name), { force: true });
  }
}

async function* chunksOf(content: FileContent): AsyncIterable<Uint8Array> {
  if (typeof content === 'string') yield new TextEncoder().encode(content);
  else if (content instanceof Uint8Array) yield content;
  else yield* content;
}

async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let written = 0;
  while (written < chunk.byteLength) {
    const { bytesWritten } = await handle.write(chunk, written, chunk.byteLength - written);
    written += bytesWritten;
  }
}

/** fsync of the folder, so the new directory entry is on disk; file systems that refuse it are skipped. */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch (error) {
    // Windows cannot open folders, and some file systems refuse fsync on one: the rename stands
    const code = (error as NodeJS.ErrnoException).code;
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EACCES', 'ENOTSUP'].includes(code ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}

function writeError(file: string, error: unknown): Error {
  return new Error(`${file}: could not write: ${error instanceof Error ? error.message : String(error)}`, {
    cause: error,
  });
}
