import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageFileAtomic, writeFileAtomic } from './writeFileAtomic';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'io-nifti-atomic-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes text, bytes, chunk lists and streams, replacing the file and leaving no temporary file', async () => {
    const dir = join(root, 'kinds');
    await mkdir(dir);
    const file = join(dir, 'out.bin');
    await writeFileAtomic(file, 'old');
    expect(await readFile(file, 'utf8')).toBe('old');
    await writeFileAtomic(file, new Uint8Array([1, 2, 3]));
    expect([...(await readFile(file))]).toEqual([1, 2, 3]);
    await writeFileAtomic(file, [new Uint8Array([4]), new Uint8Array([5, 6])]);
    expect([...(await readFile(file))]).toEqual([4, 5, 6]);
    await writeFileAtomic(file, Readable.from([Buffer.from('ab'), Buffer.from('cd')]));
    expect(await readFile(file, 'utf8')).toBe('abcd');
    expect(await readdir(dir)).toEqual(['out.bin']);
  });

  it('keeps the previous file whole when the content fails midway', async () => {
    const dir = join(root, 'midway');
    await mkdir(dir);
    const file = join(dir, 'checkpoint');
    await writeFileAtomic(file, 'complete');
    async function* failing() {
      yield new Uint8Array(1024);
      throw new Error('disk gone');
    }
    await expect(writeFileAtomic(file, failing())).rejects.toThrow(`${file}: could not write: disk gone`);
    expect(await readFile(file, 'utf8')).toBe('complete');
    expect(await readdir(dir)).toEqual(['checkpoint']);
  });

  it('fails naming the file, and removes its temporary file, when the rename cannot happen', async () => {
    const folder = join(root, 'blocked');
    const target = join(folder, 'weights.bin');
    // a non-empty folder where the file should go: the rename over it fails
    await mkdir(join(target, 'inside'), { recursive: true });
    await expect(writeFileAtomic(target, 'data')).rejects.toThrow(`${target}: could not write`);
    expect(await readdir(folder)).toEqual(['weights.bin']);
  });

  it('fails naming the file when its folder does not exist', async () => {
    const target = join(root, 'no-such-folder', 'x.json');
    await expect(writeFileAtomic(target, '{}')).rejects.toThrow(`${target}: could not write`);
  });

  it('stages files so that they appear in the order they are committed', async () => {
    const dir = join(root, 'staged');
    await mkdir(dir);
    const img = await stageFileAtomic(join(dir, 'a.img'), 'data');
    const hdr = await stageFileAtomic(join(dir, 'a.hdr'), 'header');
    // staged, nothing is in place yet: only hidden temporary files
    expect((await readdir(dir)).every((name) => name.startsWith('.') && name.endsWith('.tmp'))).toBe(true);
    await img.commit();
    expect((await readdir(dir)).filter((name) => !name.startsWith('.'))).toEqual(['a.img']);
    await hdr.discard();
    expect(await readdir(dir)).toEqual(['a.img']);
  });
});
