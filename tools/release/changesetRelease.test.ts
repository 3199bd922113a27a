import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  existsSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const workspaceRoot = resolve(fileURLToPath(import.meta.url), '../../..');
const changesetBin = join(workspaceRoot, 'node_modules', '@changesets', 'cli', 'bin.js');

/** A throwaway git repository with the workspace's manifests and changeset config, on branch main. */
function manifestOnlyCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nnunet-changeset-'));
  cpSync(join(workspaceRoot, 'package.json'), join(dir, 'package.json'));
  cpSync(join(workspaceRoot, '.changeset', 'config.json'), join(dir, '.changeset', 'config.json'), {
    recursive: true,
  });
  for (const folder of ['packages', 'apps', 'tools']) {
    const entries = folder === 'tools' ? ['.'] : readdirSync(join(workspaceRoot, folder));
    for (const entry of entries) {
      const manifest = join(workspaceRoot, folder, entry, 'package.json');
      if (!existsSync(manifest)) continue;
      mkdirSync(join(dir, folder, entry), { recursive: true });
      cpSync(manifest, join(dir, folder, entry, 'package.json'));
    }
  }
  // The real node_modules lets changesets resolve the workspace packages.
  execFileSync('ln', ['-s', join(workspaceRoot, 'node_modules'), join(dir, 'node_modules')]);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('-c', 'user.email=ci@example.com', '-c', 'user.name=ci', 'add', '.');
  git('-c', 'user.email=ci@example.com', '-c', 'user.name=ci', 'commit', '-q', '-m', 'base');
  return dir;
}

describe('changesets', () => {
  it('bumps only the changed package and its dependents', () => {
    const dir = manifestOnlyCopy();
    try {
      writeFileSync(
        join(dir, '.changeset', 'volume-change.md'),
        ['---', "'@nnunet-ts/volume': minor", '---', '', 'A change to volume.', ''].join('\n'),
      );
      execFileSync(process.execPath, [changesetBin, 'status', '--output=status.json'], {
        cwd: dir,
        stdio: 'pipe',
      });
      const status = JSON.parse(readFileSync(join(dir, 'status.json'), 'utf8')) as {
        releases: { name: string; type: string }[];
      };
      const releases = Object.fromEntries(status.releases.map((r) => [r.name, r.type]));
      expect(releases['@nnunet-ts/volume']).toBe('minor');
      // direct and indirect dependents of volume follow with a patch
      for (const dependent of ['io-nifti', 'datasets', 'preprocessing', 'augment', 'trainer']) {
        expect(releases[`@nnunet-ts/${dependent}`], dependent).toBe('patch');
      }
      // packages that do not depend on volume stay where they are
      for (const untouched of ['distributed', 'logging', 'kernels-native']) {
        expect(releases[`@nnunet-ts/${untouched}`], untouched).toBeUndefined();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
