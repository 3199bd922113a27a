// Node-only (node:fs). The one atomic writer of nnunet-ts: every package that writes a file uses it.
import { randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

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
 * exist. Errors name `file`.
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
  const temporary = path.join(
    folder,
    `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const discard = () => rm(temporary, { force: true });
  try {
    const handle = await open(temporary, 'wx');
    try {
      for await (const chunk of chunksOf(content)) await writeAll(handle, chunk);
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
