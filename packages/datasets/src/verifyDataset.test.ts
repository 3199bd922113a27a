import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeNifti, readNifti, writeNifti } from '@nnunet-ts/io-nifti';
import { createVolume, type Mat4, type Volume } from '@nnunet-ts/volume';
import { describe, expect, it } from 'vitest';
import { loadDataset } from './loadDataset';
import { copyOfSharedCt, haveSharedData, sharedCt, sharedData, tempDir } from './internal/sharedData.fixture';
import { verifyDataset, type DatasetProblem } from './verifyDataset';

const haveCt = haveSharedData('msd_totalseg_ct');
const haveBad = haveSharedData('badinputs');

const raw = async (file: string) => (await readNifti(file)).volume;

/** The volume with other data (and channels), on the same grid unless an affine is given. */
function like(
  volume: Volume,
  data: Volume['data'],
  changes: { channels?: number; affine?: Mat4; shape?: number[] } = {},
) {
  const affine = changes.affine ?? volume.affine;
  return createVolume({
    data,
    shape: changes.shape ?? volume.shape,
    channels: changes.channels ?? 1,
    affine,
  });
}

const shifted = (affine: Mat4, mm: number): Mat4 =>
  affine.map((row, r) => (r === 0 ? row.map((v, c) => (c === 3 ? v + mm : v)) : row)) as unknown as Mat4;

/** problems grouped by file, relative to the dataset folder */
function byFile(root: string, problems: DatasetProblem[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { file, problem } of problems) {
    const key = path.relative(root, file);
    map.set(key, [...(map.get(key) ?? []), problem]);
  }
  return map;
}

describe.skipIf(!haveCt)('verifyDataset on the shared CT dataset', () => {
  it('finds nothing wrong with the dataset as shipped', async () => {
    expect(await verifyDataset(await loadDataset(sharedCt))).toEqual([]);
  });

  it('reports every problem family at once, each naming its file', async () => {
    const root = await copyOfSharedCt();
    const at = (p: string) => path.join(root, p);
    const json = JSON.parse(await readFile(at('dataset.json'), 'utf8'));
    const addCase = (id: string) =>
      json.training.push({ image: `./imagesTr/${id}.nii.gz`, label: `./labelsTr/${id}.nii.gz` });
    const image = await raw(at('imagesTr/ct_001.nii.gz'));
    const label = await raw(at('labelsTr/ct_001.nii.gz'));
    const [nx, ny, nz] = image.shape;

    // missing file
    await rm(at('labelsTr/ct_001.nii.gz'));
    // shape mismatch: one slice fewer
    const ct2 = await raw(at('labelsTr/ct_002.nii.gz'));
    await writeNifti(
      at('labelsTr/ct_002.nii.gz'),
      like(ct2, ct2.data.slice(0, nx * ny * (nz - 1)), { shape: [nx, ny, nz - 1] }),
    );
    // spacing (and so affine) mismatch: 3.5 mm slices
    const ct3 = await raw(at('labelsTr/ct_003.nii.gz'));
    const thick = ct3.affine.map((row, r) => (r === 2 ? [0, 0, 3.5, row[3]] : row)) as unknown as Mat4;
    await writeNifti(at('labelsTr/ct_003.nii.gz'), like(ct3, ct3.data, { affine: thick }));
    // affine mismatch only: the label moved by 5 mm
    const ct4 = await raw(at('labelsTr/ct_004.nii.gz'));
    await writeNifti(at('labelsTr/ct_004.nii.gz'), like(ct4, ct4.data, { affine: shifted(ct4.affine, 5) }));
    // wrong channel count: a 2-channel image where dataset.json declares CT only
    const ct5 = await raw(at('imagesTr/ct_005.nii.gz'));
    const twice = new Int32Array(ct5.data.length * 2);
    twice.set(ct5.data as Int32Array);
    twice.set(ct5.data as Int32Array, ct5.data.length);
    await writeNifti(at('imagesTr/ct_005.nii.gz'), like(ct5, twice, { channels: 2 }));
    // undeclared and non-integer label values (a float label map)
    const ct6 = await raw(at('labelsTr/ct_006.nii.gz'));
    const floats = Float32Array.from(ct6.data as Uint8Array);
    floats[0] = 7;
    floats[1] = 7;
    floats[2] = 0.5;
    await writeNifti(at('labelsTr/ct_006.nii.gz'), like(ct6, floats));
    // NaN and infinite voxels
    addCase('ct_007');
    const withNan = Float32Array.from(image.data as Int32Array);
    withNan[10] = NaN;
    withNan[20] = Infinity;
    withNan[30] = -Infinity;
    await writeNifti(at('imagesTr/ct_007.nii.gz'), like(image, withNan));
    await writeNifti(at('labelsTr/ct_007.nii.gz'), label);
    // 2D where 3D is expected (one slice), image and label
    addCase('ct_008');
    const slice = { shape: [nx, ny, 1] };
    await writeNifti(at('imagesTr/ct_008.nii.gz'), like(image, image.data.slice(0, nx * ny), slice));
    await writeNifti(at('labelsTr/ct_008.nii.gz'), like(label, label.data.slice(0, nx * ny), slice));
    // a 4D label map
    addCase('ct_009');
    await writeNifti(at('imagesTr/ct_009.nii.gz'), image);
    const labels4d = new Uint8Array(label.data.length * 2);
    await writeNifti(at('labelsTr/ct_009.nii.gz'), like(label, labels4d, { channels: 2 }));
    // an empty dimension: dim[3] = 0 in an otherwise valid header (dim[] is int16 at byte 40)
    addCase('ct_010');
    await writeNifti(at('imagesTr/ct_010.nii.gz'), image);
    const bytes = encodeNifti(label);
    new DataView(bytes.buffer).setInt16(40 + 2 * 3, 0, true);
    await writeFile(at('labelsTr/ct_010.nii.gz'), gzipSync(bytes));
    // a listed test image that does not exist, and a duplicate training entry
    json.test.push('./imagesTs/ct_102.nii.gz');
    json.training.push(json.training[3]);
    await writeFile(at('dataset.json'), JSON.stringify(json));

    const problems = byFile(root, await verifyDataset(await loadDataset(root)));
    const expected: Record<string, RegExp[]> = {
      'dataset.json': [
        /^numTraining is 6, but the dataset has 11 training cases$/,
        /^training case id "ct_004" appears more than once$/,
      ],
      'labelsTr/ct_001.nii.gz': [/^missing: dataset\.json lists it for case ct_001, but it does not exist$/],
      'labelsTr/ct_002.nii.gz': [
        /^not on the grid of imagesTr\/ct_002\.nii\.gz: shape \[122, 101, 9\] differs from \[122, 101, 10\]$/,
      ],
      'labelsTr/ct_003.nii.gz': [
        /^not on the grid of imagesTr\/ct_003\.nii\.gz: spacing \[3, 3, 3\.5\] mm differs from \[3, 3, 3\] mm \(by 0\.5, tolerance 0\.0001\)$/,
        /^not on the grid of imagesTr\/ct_003\.nii\.gz: affine .* \(by up to 0\.5, tolerance 0\.0001\)$/,
      ],
      'labelsTr/ct_004.nii.gz': [
        /^not on the grid of imagesTr\/ct_004\.nii\.gz: affine .* \(by up to 5, tolerance 0\.0001\)$/,
      ],
      'imagesTr/ct_005.nii.gz': [
        /^has 2 channel\(s\) \(dims \[122, 101, 10, 2\]\), but dataset\.json declares 1 \(CT\)$/,
      ],
      'labelsTr/ct_006.nii.gz': [
        /^has 1 label voxel\(s\) that are not integers \(e\.g\. 0\.5\)$/,
        /^has label values that dataset\.json does not declare: 7 \(2 voxels\); declared: 0, 1, 2, 3$/,
      ],
      'imagesTr/ct_007.nii.gz': [/^has 1 NaN and 2 infinite voxel\(s\)$/],
      'imagesTr/ct_008.nii.gz': [/^is 2D \(dims \[122, 101, 1\]\) where 3D images are expected$/],
      'labelsTr/ct_008.nii.gz': [/^is 2D \(dims \[122, 101, 1\]\) where 3D images are expected$/],
      'labelsTr/ct_009.nii.gz': [/^is 4D \(dims \[122, 101, 10, 2\]\); a label map must be 3D$/],
      'labelsTr/ct_010.nii.gz': [/^cannot be read: .*dim\[3\] is 0; every used dimension must be at least 1/],
      'imagesTs/ct_102.nii.gz': [/^missing: dataset\.json lists it for case ct_102, but it does not exist$/],
    };
    // the duplicate entry is checked twice, so its problem appears twice
    expected['labelsTr/ct_004.nii.gz']!.push(expected['labelsTr/ct_004.nii.gz']![0]!);
    expect([...problems.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [file, patterns] of Object.entries(expected)) {
      const found = problems.get(file)!;
      expect(found, file).toHaveLength(patterns.length);
      patterns.forEach((pattern, i) => expect(found[i], file).toMatch(pattern));
    }
  });

  it('applies the geometry tolerance', async () => {
    const root = await copyOfSharedCt();
    const file = path.join(root, 'labelsTr/ct_003.nii.gz');
    const label = await raw(file);
    // 1e-3 mm on a 178 mm origin is within the default relative tolerance of 1e-4
    await writeNifti(file, like(label, label.data, { affine: shifted(label.affine, 1e-3) }));
    const dataset = await loadDataset(root);
    expect(await verifyDataset(dataset)).toEqual([]);
    expect(await verifyDataset(dataset, { tolerance: 1e-7 })).toEqual([
      {
        file,
        problem: expect.stringMatching(
          /^not on the grid of imagesTr\/ct_003\.nii\.gz: affine .*tolerance 1e-7\)$/,
        ),
      },
    ]);
  });

  it('checks single slices when 2D images are expected', async () => {
    const problems = await verifyDataset(await loadDataset(sharedCt), { expectedDim: 2 });
    expect(problems).toHaveLength(13);
    expect(problems[0]).toEqual({
      file: path.join(sharedCt, 'imagesTr/ct_001.nii.gz'),
      problem: 'is 3D (dims [122, 101, 10]) where 2D images (one slice) are expected',
    });
  });
});

describe.skipIf(!haveBad)('verifyDataset on the shared bad inputs', () => {
  it('rejects every file whose pipeline outcome CASES.json gives as error, and accepts the reference', async () => {
    const dir = path.join(sharedData, 'badinputs');
    const cases = JSON.parse(await readFile(path.join(dir, 'CASES.json'), 'utf8')).cases as {
      file: string;
      category: string;
      pipeline_expected?: string;
    }[];
    const rejected = cases.filter((c) => c.pipeline_expected === 'error');
    expect(rejected.map((c) => c.category).sort()).toEqual(['labels', 'labels', 'voxel_content']);
    const reference = path.join(dir, 'ok_reference.nii.gz');
    const root = await tempDir();
    await mkdir(path.join(root, 'imagesTr'));
    await mkdir(path.join(root, 'labelsTr'));
    const declared = [...new Set((await raw(reference)).data as Uint8Array)].sort((a, b) => a - b);
    // each bad file goes where it is meant to be used: voxel content as the image, labels as the label
    const training = [];
    for (const [i, c] of [...rejected, { file: 'ok_reference.nii.gz', category: 'labels' }].entries()) {
      const image = c.category === 'labels' ? reference : path.join(dir, c.file);
      const label = c.category === 'labels' ? path.join(dir, c.file) : reference;
      await copyFile(image, path.join(root, `imagesTr/case_${i}.nii.gz`));
      await copyFile(label, path.join(root, `labelsTr/case_${i}.nii.gz`));
      training.push({ image: `./imagesTr/case_${i}.nii.gz`, label: `./labelsTr/case_${i}.nii.gz` });
    }
    await writeFile(
      path.join(root, 'dataset.json'),
      JSON.stringify({
        modality: { '0': 'CT' },
        labels: Object.fromEntries(declared.map((v) => [String(v), `label ${v}`])),
        training,
      }),
    );
    const problems = (await verifyDataset(await loadDataset(root))).map((p) => [
      path.relative(root, p.file),
      p.problem,
    ]);
    const caseOf = (name: string) => rejected.findIndex((c) => c.file === name);
    // one problem about each bad file, nothing about the reference pair (the last case)
    expect(problems).toHaveLength(3);
    expect(problems).toEqual(
      expect.arrayContaining([
        [
          `imagesTr/case_${caseOf('float_nan_inf_voxels.nii.gz')}.nii.gz`,
          'has 1 NaN and 2 infinite voxel(s)',
        ],
        [
          `labelsTr/case_${caseOf('label_negative.nii.gz')}.nii.gz`,
          expect.stringMatching(/does not declare: -1 \(\d+ voxels\)/),
        ],
        [
          `labelsTr/case_${caseOf('label_uint16_300.nii.gz')}.nii.gz`,
          expect.stringMatching(/does not declare: .*300 \(\d+ voxels\)/),
        ],
      ]),
    );
  });
});

describe('verifyDataset on the nnU-Net v2 layout', () => {
  it('reports missing, 4D and stray channel files', async () => {
    const root = await tempDir();
    const affine: Mat4 = [
      [2, 0, 0, 0],
      [0, 2, 0, 0],
      [0, 0, 2, 0],
      [0, 0, 0, 1],
    ];
    const volume = (channels = 1) =>
      createVolume({ data: new Float32Array(4 * 4 * 3 * channels), shape: [4, 4, 3], channels, affine });
    await mkdir(path.join(root, 'imagesTr'));
    await mkdir(path.join(root, 'labelsTr'));
    const put = (name: string, v: Volume) => writeNifti(path.join(root, name), v);
    await writeFile(
      path.join(root, 'dataset.json'),
      JSON.stringify({
        channel_names: { 0: 'T2', 1: 'ADC' },
        labels: { background: 0, lesion: 1 },
        numTraining: 2,
        file_ending: '.nii.gz',
      }),
    );
    await put('imagesTr/a_0000.nii.gz', volume());
    await put('imagesTr/a_0001.nii.gz', volume());
    await put('imagesTr/a_0002.nii.gz', volume());
    await put('labelsTr/a.nii.gz', createVolume({ data: new Uint8Array(48), shape: [4, 4, 3], affine }));
    await put('imagesTr/b_0000.nii.gz', volume(2));
    await put('labelsTr/b.nii.gz', createVolume({ data: new Uint8Array(48), shape: [4, 4, 3], affine }));
    await put('imagesTr/notes.nii.gz', volume());
    const problems = (await verifyDataset(await loadDataset(root))).map((p) => [
      path.relative(root, p.file),
      p.problem,
    ]);
    expect(problems).toEqual([
      ['imagesTr/notes.nii.gz', 'is not named {case}_{XXXX}.nii.gz, so it belongs to no case'],
      ['imagesTr/a_0002.nii.gz', 'is channel 2, but dataset.json declares 2 channel(s)'],
      [
        'imagesTr/b_0000.nii.gz',
        'is 4D (dims [4, 4, 3, 2]); the nnU-Net v2 layout needs one 3D file per channel',
      ],
      ['imagesTr/b_0001.nii.gz', 'missing: dataset.json lists it for case b, but it does not exist'],
    ]);
  });
});
