import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogSession } from './catalogSession';
import { FileCatalog } from './FileCatalog';
import type { ViewerContent } from './ViewerContent';

describe('catalogSession', () => {
  let base: string;
  let results: string;
  beforeAll(async () => {
    base = await realpath(await mkdtemp(path.join(tmpdir(), 'viewer-session-')));
    results = path.join(base, 'results');
    await mkdir(results);
    await writeFile(path.join(base, 'image.nii.gz'), 'image');
    await writeFile(path.join(results, 'pred.nii.gz'), 'prediction');
    // e.g. an image that a dataset.json inside the results folder lists, linked to elsewhere
    await symlink(path.join(base, 'image.nii.gz'), path.join(results, 'image.nii.gz'));
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  it('gives each case file a catalogue URL, leaving out links that lead out of the results folder', async () => {
    const link = path.join(results, 'image.nii.gz');
    const content: ViewerContent = {
      title: 'results',
      classes: [],
      cases: [
        { name: 'given', image: path.join(base, 'image.nii.gz') },
        { name: 'pred', image: link, prediction: path.join(results, 'pred.nii.gz'), metrics: {} },
      ],
      curves: [],
      warnings: ['from the content'],
    };
    const catalog = new FileCatalog();
    const { session, refused } = await catalogSession(content, catalog, {
      named: new Set([path.join(base, 'image.nii.gz')]),
      results,
    });
    const message = `${link}: a link that leads outside the results folder; not served`;
    expect(refused).toEqual([message]);
    expect(session.warnings).toEqual(['from the content', message]);
    expect(session.cases).toEqual([
      { name: 'given', image: '/files/0/image.nii.gz' },
      { name: 'pred', prediction: '/files/1/pred.nii.gz', metrics: {} },
    ]);
    expect(catalog.lookup('/files/0/image.nii.gz')).toEqual({
      file: path.join(base, 'image.nii.gz'),
      rule: { kind: 'named' },
    });
    expect(catalog.lookup('/files/1/pred.nii.gz')?.rule).toEqual({ kind: 'inside', folder: results });
    expect(catalog.lookup('/files/1/pred%2Enii.gz')).toBeUndefined();
  });
});
