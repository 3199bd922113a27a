import { mkdir, mkdtemp, realpath, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileRule, resolveServed } from './fileRule';

describe('fileRule and resolveServed', () => {
  let base: string;
  let results: string;
  let outside: string;
  let inside: string;
  beforeEach(async () => {
    base = await realpath(await mkdtemp(path.join(tmpdir(), 'viewer-rule-')));
    results = path.join(base, 'results');
    await mkdir(results);
    outside = path.join(base, 'outside.nii.gz');
    inside = path.join(results, 'pred.nii.gz');
    await writeFile(outside, 'outside');
    await writeFile(inside, 'inside');
  });
  afterEach(() => rm(base, { recursive: true, force: true }));

  it('serves a file given on the command line as named, links included', async () => {
    const link = path.join(base, 'given.nii.gz');
    await symlink(outside, link);
    const rule = await fileRule(link, { named: new Set([link]), results });
    expect(rule).toEqual({ kind: 'named' });
    expect(await resolveServed(link, rule as Exclude<typeof rule, string>)).toBe(outside);
  });

  it('serves a results file while it resolves inside the folder, also through a link that stays inside', async () => {
    const rule = await fileRule(inside, { named: new Set(), results });
    expect(rule).toEqual({ kind: 'inside', folder: results });
    if (typeof rule === 'string') throw new Error(rule);
    expect(await resolveServed(inside, rule)).toBe(inside);
    await rename(inside, `${inside}.old`);
    await symlink(`${inside}.old`, inside);
    expect(await resolveServed(inside, rule)).toBe(`${inside}.old`);
    await rm(inside);
    await symlink(outside, inside);
    expect(await resolveServed(inside, rule)).toBeUndefined();
    await rm(inside);
    expect(await resolveServed(inside, rule)).toBeUndefined();
  });

  it('refuses a link in the results folder that leads outside it', async () => {
    const link = path.join(results, 'link.nii.gz');
    await symlink(outside, link);
    expect(await fileRule(link, { named: new Set(), results })).toBe(
      `${link}: a link that leads outside the results folder; not served`,
    );
  });

  it('pins a file outside the results folder (a reference label) to what it resolved to at start', async () => {
    const reference = path.join(base, 'labelsTr', 'ct.nii.gz');
    await mkdir(path.dirname(reference));
    await writeFile(reference, 'label');
    const rule = await fileRule(reference, { named: new Set(), results });
    expect(rule).toEqual({ kind: 'pinned', real: reference });
    if (typeof rule === 'string') throw new Error(rule);
    expect(await resolveServed(reference, rule)).toBe(reference);
    await rename(reference, `${reference}.old`);
    await symlink(outside, reference);
    expect(await resolveServed(reference, rule)).toBeUndefined();
  });
});
