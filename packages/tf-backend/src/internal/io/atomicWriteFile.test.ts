import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { atomicWriteFile } from './atomicWriteFile';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tf-backend-atomic-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

it('replaces the file and leaves no temporary file behind', async () => {
  const path = join(root, 'model.json');
  await atomicWriteFile(path, 'old');
  await atomicWriteFile(path, new Uint8Array([110, 101, 119]));
  expect(await readFile(path, 'utf8')).toBe('new');
  expect(await readdir(root)).toEqual(['model.json']);
});

it('fails naming the path, and cleans up its temporary file, when the rename cannot happen', async () => {
  const folder = join(root, 'blocked');
  const target = join(folder, 'weights.bin');
  // A non-empty directory where the file should go: the rename over it fails.
  await mkdir(join(target, 'inside'), { recursive: true });
  await expect(atomicWriteFile(target, 'data')).rejects.toThrow(`could not write ${target}`);
  expect(await readdir(folder)).toEqual(['weights.bin']);
});
