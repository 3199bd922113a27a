import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError } from './DatasetError';
import { expectedCt, haveSharedData, sharedCt, tempDir } from './internal/sharedData.fixture';
import { loadDataset } from './loadDataset';

const haveCt = haveSharedData('msd_totalseg_ct');

async function datasetFolder(json: unknown, files: string[] = []): Promise<string> {
  const root = await tempDir();
  await writeFile(path.join(root, 'dataset.json'), typeof json === 'string' ? json : JSON.stringify(json));
  for (const file of files) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), '');
  }
  return root;
}

const v2Json = {
  channel_names: { '0': 'T2', '1': 'ADC' },
  labels: { background: 0, PZ: 1, TZ: 2 },
  numTraining: 2,
  file_ending: '.nii.gz',
};

describe('loadDataset', () => {
  it.skipIf(!haveCt)('reads the shared MSD dataset as expected.json describes it', async () => {
    const expected = await expectedCt();
    const dataset = await loadDataset(sharedCt);
    expect(dataset).toMatchObject({ root: sharedCt, name: 'TotalSegCT-abdomen-slabs', layout: 'msd' });
    expect(dataset.channelNames).toEqual(['CT']);
    expect(dataset.fileEnding).toBe('.nii.gz');
    expect([...dataset.labels]).toEqual(Object.entries(expected.labels).map(([v, n]) => [Number(v), n]));
    expect(dataset.training).toEqual(
      expected.cases.map((c) => ({
        id: c.case,
        images: [path.join(sharedCt, c.image)],
        label: path.join(sharedCt, c.label!),
      })),
    );
    expect(dataset.test).toEqual(
      expected.test.map((c) => ({ id: c.case, images: [path.join(sharedCt, c.image)] })),
    );
    expect(dataset.numTraining).toBe(6);
  });

  it('finds nnU-Net v2 cases from the channel files, labels included', async () => {
    const root = await datasetFolder(v2Json, [
      'imagesTr/prostate_00_0000.nii.gz',
      'imagesTr/prostate_00_0001.nii.gz',
      'imagesTr/prostate_01_0000.nii.gz',
      'labelsTr/prostate_00.nii.gz',
      'labelsTr/prostate_02.nii.gz',
      'imagesTs/prostate_10_0000.nii.gz',
      'imagesTs/prostate_10_0001.nii.gz',
      'imagesTr/._prostate_00_0000.nii.gz',
    ]);
    const dataset = await loadDataset(root);
    expect(dataset).toMatchObject({ layout: 'nnunet-v2', name: path.basename(root), fileEnding: '.nii.gz' });
    expect(dataset.channelNames).toEqual(['T2', 'ADC']);
    expect([...dataset.labels]).toEqual([
      [0, 'background'],
      [1, 'PZ'],
      [2, 'TZ'],
    ]);
    const channels = (dir: string, id: string) =>
      ['0000', '0001'].map((c) => path.join(root, dir, `${id}_${c}.nii.gz`));
    // a case with images or a label is a case; the files it lacks are verifyDataset's to report
    expect(dataset.training).toEqual(
      ['prostate_00', 'prostate_01', 'prostate_02'].map((id) => ({
        id,
        images: channels('imagesTr', id),
        label: path.join(root, 'labelsTr', `${id}.nii.gz`),
      })),
    );
    expect(dataset.test).toEqual([{ id: 'prostate_10', images: channels('imagesTs', 'prostate_10') }]);
  });

  it('takes v2 file lists from the "dataset" key, relative to the folder', async () => {
    const root = await datasetFolder({
      ...v2Json,
      dataset: { a: { images: ['x/a_t2.nii.gz', '/abs/a_adc.nii.gz'], label: 'y/a.nii.gz' } },
    });
    expect((await loadDataset(root)).training).toEqual([
      {
        id: 'a',
        images: [path.join(root, 'x/a_t2.nii.gz'), '/abs/a_adc.nii.gz'],
        label: path.join(root, 'y/a.nii.gz'),
      },
    ]);
  });

  it('names dataset.json and the field in its errors', async () => {
    const cases: [unknown, RegExp][] = [
      ['{ "modality": ', /dataset\.json: not valid JSON/],
      [[1, 2], /dataset\.json: expected a JSON object/],
      [{ labels: {} }, /has neither 'modality' \(MSD layout\) nor 'channel_names'/],
      [
        { modality: { '0': 'CT' }, labels: { '0': 'bg' }, training: [{ image: 3, label: 'l.nii.gz' }] },
        /invalid MSD dataset\.json:\n {2}training\[0\]\.image: Invalid input: expected string, received number/,
      ],
      [
        { modality: { '0': 'CT' }, labels: { one: 'bg' }, training: [] },
        /labels\.one: Invalid key in record: keys must be integer label values/,
      ],
      [
        { modality: { '0': 'CT', '2': 'PET' }, labels: { '0': 'bg' }, training: [] },
        /modality: channel indices must be 0\.\.1, got 0, 2/,
      ],
      [
        { modality: { '0': 'CT' }, labels: { '1': 'liver' }, training: [] },
        /labels: the background label 0 is not declared/,
      ],
      [
        { modality: { '0': 'CT' }, labels: { '0': 'bg', '70000': 'x' }, training: [] },
        /labels: label value 70000 is not an integer in 0\.\.65535/,
      ],
      [{ ...v2Json, labels: { background: 0, below: -1 } }, /labels: label value -1 is not an integer/],
      [
        {
          modality: { '0': 'CT' },
          labels: { '0': 'bg' },
          training: [{ image: './a.mha', label: './b.mha' }],
        },
        /training\[0\]\.image: "\.\/a\.mha" is not a NIfTI file/,
      ],
      [{ ...v2Json, file_ending: 'nii' }, /file_ending: must be a file ending such as "\.nii\.gz"/],
      [
        { ...v2Json, labels: { background: 0, whole: [1, 2, 3] } },
        /labels\.whole: region-based labels \(a list of values\) are not supported/,
      ],
      [{ ...v2Json, labels: { background: 0, a: 1, b: 1 } }, /labels: "a" and "b" both have the value 1/],
    ];
    for (const [json, message] of cases) {
      const root = await datasetFolder(json);
      const error = await loadDataset(root).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DatasetError);
      expect((error as DatasetError).file).toBe(path.join(root, 'dataset.json'));
      expect((error as Error).message).toMatch(message);
    }
  });

  it('says when a folder has no dataset.json', async () => {
    const root = await tempDir();
    await expect(loadDataset(root)).rejects.toThrow(
      `${path.join(root, 'dataset.json')}: not found: a dataset folder needs a dataset.json`,
    );
  });
});
