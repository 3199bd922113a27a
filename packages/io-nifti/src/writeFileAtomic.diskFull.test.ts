import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './writeFileAtomic';

// A real full disk: a 1 MiB tmpfs, where this process may mount one (root, as in CI).
const dir = mkdtempSync(join(tmpdir(), 'io-nifti-full-'));
const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { encoding: 'utf8' });
const cannotMount =
  mount.status === 0 ? null : `cannot mount a tmpfs here (${(mount.stderr || String(mount.error)).trim()})`;
if (cannotMount) console.warn(`[io-nifti] skipping the full-disk test: ${cannotMount}`);
afterAll(() => {
  if (!cannotMount) spawnSync('umount', [dir]);
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(cannotMount !== null)(
  `writeFileAtomic on a full disk${cannotMount ? ` (skipped: ${cannotMount})` : ''}`,
  () => {
    it('fails with ENOSPC naming the file, keeps the previous file whole and leaves no temporary file', async () => {
      const folder = join(dir, 'ckpt');
      mkdirSync(folder);
      const file = join(folder, 'last.ckpt');
      await writeFileAtomic(file, new Uint8Array(300 << 10).fill(7));
      // the new content does not fit beside the old one
      await expect(writeFileAtomic(file, new Uint8Array(900 << 10).fill(9))).rejects.toThrow(
        `${file}: could not write: ENOSPC: no space left on device`,
      );
      expect(readdirSync(folder)).toEqual(['last.ckpt']);
      const kept = readFileSync(file);
      expect(kept.byteLength).toBe(300 << 10);
      expect(kept.every((b) => b === 7)).toBe(true);
    });
  },
);
