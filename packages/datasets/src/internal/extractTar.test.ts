import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractTar } from './extractTar';
import { tempDir } from './sharedData.fixture';
import { tarArchive, type TarEntry } from './tarArchive.fixture';

const longFolder = `${'deep_folder_name_'.repeat(5)}end`;
const files: Record<string, Buffer> = {
  'Task/dataset.json': Buffer.from('{"name": "x"}'),
  'Task/imagesTr/empty.nii.gz': Buffer.alloc(0),
  'Task/imagesTr/one_block.bin': Buffer.alloc(512, 1),
  'Task/imagesTr/odd.bin': Buffer.from(Array.from({ length: 1500 }, (_, i) => (i * 7) % 256)),
  [`Task/${longFolder}/${'long_file_name_'.repeat(4)}.txt`]: Buffer.from('long name'),
};

async function extracted(dir: string): Promise<Record<string, Buffer>> {
  const out: Record<string, Buffer> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      out[path.relative(dir, full)] = await readFile(full);
    }
  }
  return out;
}

function hasGnuTar(): boolean {
  try {
    return /GNU tar/.test(execFileSync('tar', ['--version'], { encoding: 'utf8' }));
  } catch {
    console.warn('[datasets] skipping the GNU tar compatibility test: no GNU tar on this machine');
    return false;
  }
}

describe('extractTar', () => {
  it('extracts files and folders, long pax names included', async () => {
    const dir = await tempDir();
    const entries: TarEntry[] = [
      { name: 'Task/', type: '5' },
      { name: 'Task/labelsTr/', type: '5' },
      ...Object.entries(files).map(([name, data]) => ({ name, data })),
    ];
    await writeFile(path.join(dir, 'a.tar'), tarArchive(entries));
    const progress: number[] = [];
    const count = await extractTar(path.join(dir, 'a.tar'), path.join(dir, 'out'), (done) =>
      progress.push(done),
    );
    expect(count).toBe(Object.keys(files).length);
    expect(await extracted(path.join(dir, 'out'))).toEqual(files);
    expect(await readdir(path.join(dir, 'out/Task/labelsTr'))).toEqual([]);
    expect(progress.at(-1)).toBe((await readFile(path.join(dir, 'a.tar'))).length);
  });

  it.skipIf(!hasGnuTar())('reads what GNU tar writes in its gnu, posix and ustar formats', async () => {
    const dir = await tempDir();
    // ustar stores names up to 255 bytes by splitting them into prefix and name; longer ones need gnu or posix
    const ustarFiles = {
      'Task/dataset.json': files['Task/dataset.json']!,
      [`Task/${longFolder}/short.txt`]: Buffer.from('split between prefix and name'),
    };
    const formats: [string, Record<string, Buffer>][] = [
      ['gnu', files],
      ['posix', files],
      ['ustar', ustarFiles],
    ];
    for (const [format, tree] of formats) {
      const source = path.join(dir, `src-${format}`);
      for (const [name, data] of Object.entries(tree)) {
        await mkdir(path.dirname(path.join(source, name)), { recursive: true });
        await writeFile(path.join(source, name), data);
      }
      const archive = path.join(dir, `${format}.tar`);
      execFileSync('tar', [`--format=${format}`, '-cf', archive, '-C', source, 'Task']);
      const out = path.join(dir, `out-${format}`);
      await extractTar(archive, out);
      expect(await extracted(out), format).toEqual(tree);
    }
  });

  it('refuses entries that would leave the destination, links, and damaged archives', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'out');
    const cases: [TarEntry[] | Buffer, RegExp][] = [
      [
        [{ name: '../evil.txt', data: Buffer.from('x') }],
        /entry "\.\.\/evil\.txt" would be written outside the destination folder/,
      ],
      [
        [{ name: 'a/../../evil.txt', data: Buffer.from('x') }],
        /would be written outside the destination folder/,
      ],
      [[{ name: '/etc/evil', data: Buffer.from('x') }], /entry "\/etc\/evil" would be written outside/],
      [
        [{ name: 'Task/link', type: '2', linkName: '/etc/passwd' }],
        /entry "Task\/link" is a symbolic link; only files and folders are extracted/,
      ],
      [
        tarArchive([{ name: 'a.bin', data: Buffer.alloc(2000) }]).subarray(0, 1024),
        /truncated \(an entry at byte 0 needs 2000 bytes/,
      ],
    ];
    for (const [entries, message] of cases) {
      const archive = path.join(dir, 'bad.tar');
      await writeFile(archive, Buffer.isBuffer(entries) ? entries : tarArchive(entries));
      await expect(extractTar(archive, out)).rejects.toThrow(message);
    }
    const corrupt = tarArchive([{ name: 'a.txt', data: Buffer.from('x') }]);
    corrupt[0] = 'b'.charCodeAt(0);
    await writeFile(path.join(dir, 'bad.tar'), corrupt);
    await expect(extractTar(path.join(dir, 'bad.tar'), out)).rejects.toThrow(
      /corrupt tar header at byte 0 \(checksum \d+, computed \d+\)/,
    );
    expect(await readdir(dir)).toEqual(['bad.tar']);
  });
});
