import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errorMessage } from '../errorMessage';

/**
 * Writes `data` to `path` so that readers see either the old file or the complete new one:
 * the bytes go to a temporary file in the same folder (same file system, so the rename is
 * atomic), are flushed to disk, and only then renamed over `path`.
 */
export async function atomicWriteFile(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    const file = await open(temporary, 'wx');
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new Error(`could not write ${path}: ${errorMessage(error)}`, { cause: error });
  }
}
