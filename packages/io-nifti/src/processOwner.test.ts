import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { currentOwner, isOwnerGone, ownerTag, parseOwnerTag } from './processOwner';
import { writeFileAtomic } from './writeFileAtomic';

const dir = mkdtempSync(join(tmpdir(), 'io-nifti-owner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The pid of a process that has ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('processOwner', () => {
  it('tags a name with host and pid and reads the tag back', () => {
    const owner = currentOwner();
    expect(ownerTag(owner)).toBe(`${owner.host}.${process.pid}`);
    expect(owner.host).toMatch(/^[A-Za-z0-9-]+$/);
    expect(parseOwnerTag(`${ownerTag(owner)}.abc.tmp`)).toEqual(owner);
    expect(parseOwnerTag('no-tag-here')).toBeUndefined();
  });

  it('knows a dead process of this host; a live one, its own, or another host’s counts as alive', () => {
    const { host } = currentOwner();
    expect(isOwnerGone({ host, pid: deadPid() })).toBe(true);
    expect(isOwnerGone({ host, pid: process.pid })).toBe(false);
    expect(isOwnerGone({ host, pid: process.ppid })).toBe(false);
    expect(isOwnerGone({ host: `${host}-elsewhere`, pid: deadPid() })).toBe(false);
  });

  it('the first write into a folder removes only dead processes’ temporary files of this host', async () => {
    const folder = join(dir, 'sweep');
    mkdirSync(folder);
    const { host } = currentOwner();
    const dead = `.case.nii.gz.${host}.${deadPid()}.0123456789ab.tmp`;
    const live = `.case.nii.gz.${host}.${process.ppid}.0123456789ab.tmp`;
    const remote = `.case.nii.gz.${host}-elsewhere.${deadPid()}.0123456789ab.tmp`;
    const unrelated = '.notes.tmp';
    for (const name of [dead, live, remote, unrelated]) writeFileSync(join(folder, name), 'partial');
    await writeFileAtomic(join(folder, 'other.json'), '{}');
    expect(readdirSync(folder).sort()).toEqual([live, remote, unrelated, 'other.json'].sort());
  });
});
