import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectContent } from './collectContent';
import {
  ctImage,
  ctLabel,
  FIXTURE_EPOCHS,
  haveSharedCt,
  makeResultsFolder,
  sharedCt,
  type ResultsFolder,
} from './resultsFolder.fixture';
import { scanResults } from './scanResults';

describe.runIf(haveSharedCt())('a results folder', () => {
  let results: ResultsFolder;
  beforeAll(async () => {
    results = await makeResultsFolder();
  });
  afterAll(() => results.cleanup());

  it('is scanned for summaries, logs and NIfTI files, without hidden folders or links that lead outside', async () => {
    const scan = await scanResults(results.root);
    expect(scan.summaries).toEqual([path.join(results.root, 'fold_0/validation/summary.json')]);
    expect(scan.logs).toEqual([path.join(results.root, 'dllogger.json')]);
    expect(scan.datasetFolders).toEqual([]);
    expect(scan.niftis).toEqual([
      results.predictions.ct_003,
      results.predictions.ct_001,
      results.predictions.ct_002,
    ]);
  });

  it('gives its cases with image, label, prediction and metrics, the class names and the curves', async () => {
    const content = await collectContent({ results: results.root });
    expect(content.title).toBe('Task_CT');
    expect(content.classes).toEqual([
      { value: 1, name: 'liver' },
      { value: 2, name: 'spleen' },
      { value: 3, name: 'kidney' },
    ]);
    expect(content.cases).toEqual([
      {
        name: 'ct_001',
        image: ctImage('ct_001'),
        label: ctLabel('ct_001'),
        prediction: results.predictions.ct_001,
        metrics: {
          '1': expect.objectContaining({ Dice: 0.9, IoU: 0.8 }),
          '2': expect.objectContaining({ Dice: 0.7, IoU: 0.6 }),
          '3': expect.objectContaining({ Dice: 0.5, IoU: 0.4 }),
        },
      },
      {
        name: 'ct_002',
        image: ctImage('ct_002'),
        label: ctLabel('ct_002'),
        prediction: results.predictions.ct_002,
        // NaN (both masks empty) travels as null
        metrics: expect.objectContaining({ '3': expect.objectContaining({ Dice: null, IoU: null }) }),
      },
      // no summary names it: a prediction, with the dataset's image and label of the same id
      {
        name: 'ct_003',
        image: ctImage('ct_003'),
        label: ctLabel('ct_003'),
        prediction: results.predictions.ct_003,
      },
    ]);
    expect(content.summary?.mean['1']?.Dice).toBeCloseTo(0.85, 12);
    // class 3 has one case with a value: nanmean of [0.5, NaN]
    expect(content.summary?.mean['3']).toMatchObject({ Dice: 0.5 });
    expect(content.summary?.foregroundMean.Dice).toBeCloseTo((0.85 + 0.65 + 0.5) / 3, 12);
    expect(content.curvesSource).toBe('dllogger.json');
    const byMetric = (metric: string) => content.curves.filter((p) => p.metric === metric);
    expect(byMetric('train_loss')).toHaveLength(FIXTURE_EPOCHS * 4);
    expect(byMetric('L2').map((p) => [p.x, p.value])).toEqual([
      [0, 0.2],
      [1, 0.4],
      [2, expect.closeTo(0.6, 12)],
    ]);
    expect(byMetric('lr').every((p) => p.group === 'lr')).toBe(true);
    expect(content.warnings).toEqual([
      expect.stringMatching(/dllogger\.json: 1 line\(s\) are not DLLogger records/),
    ]);
  });

  it('names cases of different folders with the same id by their folder', async () => {
    const { root } = results;
    const other = await makeResultsFolder();
    try {
      const { cp } = await import('node:fs/promises');
      await cp(path.join(root, 'fold_0'), path.join(other.root, 'fold_1'), { recursive: true });
      const names = (await collectContent({ results: other.root })).cases.map((c) => c.name);
      expect(names).toContain('fold_0/validation/ct_001');
      expect(names).toContain('fold_1/validation/ct_001');
    } finally {
      await other.cleanup();
    }
  });

  it('reports an unreadable summary.json and goes on', async () => {
    const broken = await makeResultsFolder();
    try {
      await writeFile(path.join(broken.root, 'fold_0/validation/summary.json'), '{"metric_per_case": [');
      const content = await collectContent({ results: broken.root });
      expect(content.warnings).toContainEqual(
        expect.stringMatching(/summary\.json: not a readable summary\.json/),
      );
      expect(content.summary).toBeUndefined();
      expect(content.cases.map((c) => c.name)).toEqual(['ct_003', 'ct_001', 'ct_002']);
    } finally {
      await broken.cleanup();
    }
  });
});

describe.runIf(haveSharedCt())('files given one by one', () => {
  it('make one case, named by the dataset the label comes from', async () => {
    const content = await collectContent({ image: ctImage('ct_001'), label: ctLabel('ct_001') });
    expect(content.cases).toEqual([{ name: 'ct_001', image: ctImage('ct_001'), label: ctLabel('ct_001') }]);
    expect(content.classes.map((c) => c.name)).toEqual(['liver', 'spleen', 'kidney']);
    expect(content.curves).toEqual([]);
  });

  it('must exist', async () => {
    await expect(collectContent({ image: path.join(sharedCt, 'nope.nii.gz') })).rejects.toThrow(
      /--image .*nope\.nii\.gz: does not exist/,
    );
    await expect(collectContent({ pred: sharedCt })).rejects.toThrow(/--pred .*: is not a file/);
    await expect(collectContent({ results: path.join(sharedCt, 'nope') })).rejects.toThrow(
      /results folder .*nope: does not exist/,
    );
  });
});
