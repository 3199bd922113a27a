/* eslint-disable @typescript-eslint/no-explicit-any -- the tests edit plans.json into any shape, as a user's hand can */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LabelMap, synthesizeDataset } from '@nnunet-ts/datasets';
import { readNifti, writeNifti } from '@nnunet-ts/io-nifti';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseMetadata } from '../case/CaseMetadata';
import { restoreLabel } from '../case/restoreOriginalGeometry';
import type { DatasetFingerprint } from '../fingerprint/DatasetFingerprint';
import { percentileOfSorted } from '../internal/percentile';
import { readNpy } from '../npy/readNpy';
import type { Plans } from '@nnunet-ts/plans';
import { openStore } from '../store/openStore';
import { planDataset } from './planDataset';
import { preprocessDataset, type PreprocessResult } from './preprocessDataset';

const DATA = '/work/shared/data/msd_totalseg_ct';
const haveData = existsSync(path.join(DATA, 'expected.json'));

interface ExpectedCase {
  case: string;
  image_shape: [number, number, number];
  spacing: [number, number, number];
  label_values?: [number, number][];
}

/** Size and modification time of every file under a folder, to prove it was not written. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true })) {
    const s = await stat(path.join(dir, entry));
    out[entry] = `${s.size}/${s.mtimeMs}`;
  }
  return out;
}

function counts(values: ArrayLike<number>): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 0; i < values.length; i++) m.set(values[i], (m.get(values[i]) ?? 0) + 1);
  return m;
}

function dice(a: ArrayLike<number>, b: ArrayLike<number>, cls: number): number {
  let na = 0;
  let nb = 0;
  let both = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === cls) na++;
    if (b[i] === cls) nb++;
    if (a[i] === cls && b[i] === cls) both++;
  }
  return (2 * both) / (na + nb);
}

function hasNumpy(): boolean {
  try {
    execFileSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!haveData)(`plan and preprocess ${DATA}`, () => {
  let results: string;
  let expected: { cases: ExpectedCase[]; test: ExpectedCase[] };
  let before: Record<string, string>;
  let first: PreprocessResult;
  let plans: Plans;
  const progress: string[] = [];

  beforeAll(async () => {
    results = await mkdtemp(path.join(tmpdir(), 'preprocess-ct-'));
    expected = JSON.parse(await readFile(path.join(DATA, 'expected.json'), 'utf8'));
    before = await snapshot(DATA);
    // two worker processes, as `nnunet preprocess --n-jobs 2`
    first = await preprocessDataset(
      { data: DATA, results, nJobs: 2 },
      { onProgress: (e) => progress.push(`${e.stage} ${e.done}/${e.total} ${e.outcome ?? ''}`.trim()) },
    );
    plans = JSON.parse(await readFile(first.plansFile, 'utf8'));
  }, 120_000);
  afterAll(async () => {
    if (results) await rm(results, { recursive: true, force: true });
  });

  it('writes the fingerprint with the cases’ spacing (array order) and exact foreground statistics', async () => {
    const fp = JSON.parse(
      await readFile(path.join(results, 'msd_totalseg_ct', 'dataset_fingerprint.json'), 'utf8'),
    ) as DatasetFingerprint;
    expect(fp.caseIds).toEqual(expected.cases.map((c) => c.case));
    expect(fp.spacings).toEqual(expected.cases.map((c) => [...c.spacing].reverse()));
    fp.shapesAfterCrop.forEach((s, n) =>
      s.forEach((v, a) => expect(v).toBeLessThanOrEqual([...expected.cases[n].image_shape].reverse()[a])),
    );
    // a slow direct computation: every voxel with a label above 0, read straight from the files
    const values: number[] = [];
    for (const c of expected.cases) {
      const image = (await readNifti(path.join(DATA, 'imagesTr', `${c.case}.nii.gz`), { as: 'float32' }))
        .volume;
      const label = (await readNifti(path.join(DATA, 'labelsTr', `${c.case}.nii.gz`))).volume;
      for (let i = 0; i < label.data.length; i++)
        if (Number(label.data[i]) > 0) values.push(Number(image.data[i]));
    }
    const foreground = expected.cases.reduce(
      (n, c) => n + (c.label_values ?? []).filter(([v]) => v > 0).reduce((s, [, k]) => s + k, 0),
      0,
    );
    expect(values.length).toBe(foreground);
    values.sort((a, b) => a - b);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const p = fp.foregroundIntensityPropertiesPerChannel[0];
    expect(p?.mean).toBeCloseTo(mean, 9);
    expect(p?.std).toBeCloseTo(Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length), 9);
    expect([p?.min, p?.max, p?.median]).toEqual([values[0], values.at(-1), percentileOfSorted(values, 50)]);
    expect(p?.percentile00_5).toBeCloseTo(percentileOfSorted(values, 0.5), 9);
    expect(p?.percentile99_5).toBeCloseTo(percentileOfSorted(values, 99.5), 9);
  });

  it('plans both configurations, with the dataset’s CT statistics', () => {
    const c3 = plans.configurations['3d_fullres'];
    expect(c3?.spacing).toEqual([3, 3, 3]);
    expect(plans.configurations['2d']?.spacing).toEqual([3, 3]);
    const p = plans.foregroundIntensityPropertiesPerChannel[0];
    expect(c3?.normalization).toEqual([
      { scheme: 'ct', clip: [p?.percentile00_5, p?.percentile99_5], mean: p?.mean, std: p?.std },
    ]);
    expect(progress[0]).toBe('fingerprint 0/6');
    expect(progress).toContain('preprocess 6/6 ok');
  });

  it('stores every case with the planned spacing, padded to the patch, labels intact', async () => {
    expect(first.failures).toEqual([]);
    expect(first.processed).toEqual(expected.cases.map((c) => c.case));
    const store = await openStore(first.storeDir as string);
    const plan = plans.configurations['3d_fullres'];
    expect(store.caseIds).toEqual(first.processed);
    expect(store.manifest.plan).toEqual(plan);
    for (const c of expected.cases) {
      const { meta, image, label } = await store.readCase(c.case);
      expect(meta.spacing).toEqual(plan?.spacing);
      expect(image.shape).toEqual([...meta.shape, 1]);
      expect(image.dtype).toBe('float32');
      meta.shape.forEach((n, a) => expect(n).toBeGreaterThanOrEqual(plan?.patchSize[a] ?? Infinity));
      // no resampling at the dataset's own spacing: every class keeps its exact voxel count
      const found = counts(label?.data ?? []);
      for (const [value, count] of c.label_values ?? []) if (value > 0) expect(found.get(value)).toBe(count);
      expect(meta.labelsPresent).toEqual((c.label_values ?? []).map(([v]) => v).filter((v) => v > 0));
    }
  });

  it('maps stored labels back onto the original grids exactly', async () => {
    const store = await openStore(first.storeDir as string);
    for (const c of expected.cases) {
      const { meta, label } = await store.readCase(c.case);
      const restored = restoreLabel(meta, label?.data as Uint8Array);
      const original = (await readNifti(path.join(DATA, 'labelsTr', `${c.case}.nii.gz`))).volume;
      expect(restored.shape).toEqual(original.shape);
      expect(restored.affine).toEqual(original.affine);
      expect(Array.from(restored.data as Uint8Array)).toEqual(Array.from(original.data as Uint8Array));
    }
  });

  it('reads regions of a case as slices of the whole arrays', async () => {
    const store = await openStore(first.storeDir as string);
    const { image, label, meta } = await store.readCase('ct_004');
    const [D, H, W] = meta.shape;
    const start = [2, 30, 40];
    const size = [5, 20, 16];
    const region = await store.readRegion('ct_004', start, size);
    for (let d = 0; d < size[0]; d++)
      for (let h = 0; h < size[1]; h++)
        for (let w = 0; w < size[2]; w++) {
          const from = ((start[0] + d) * H + start[1] + h) * W + start[2] + w;
          const to = (d * size[1] + h) * size[2] + w;
          expect(region.image.data[to]).toBe(image.data[from]);
          expect(region.label?.data[to]).toBe(label?.data[from]);
        }
    expect(D).toBeGreaterThan(0);
  });

  it('skips finished cases on a re-run, and redoes them with force', async () => {
    const again = await preprocessDataset({ data: DATA, results, nJobs: 1 });
    expect(again.skipped).toEqual(expected.cases.map((c) => c.case));
    expect(again.processed).toEqual([]);
    const forced = await preprocessDataset({ data: DATA, results, nJobs: 1, force: true });
    expect(forced.processed).toEqual(expected.cases.map((c) => c.case));
  });

  it('reads a version-1 plans.json migrated in memory, with a notice, and keeps the store and the file', async () => {
    const v1 = structuredClone(plans) as unknown as Record<string, any>;
    v1.version = 1;
    for (const c of Object.values(v1.configurations) as any[]) c.topology.patchSize = c.patchSize;
    const text = JSON.stringify(v1);
    await writeFile(first.plansFile, text);
    const notices: string[] = [];
    const run = await preprocessDataset(
      { data: DATA, results, nJobs: 1 },
      { onNotice: (n) => notices.push(n) },
    );
    expect(notices).toEqual([
      `${first.plansFile}: plans version 1, read as version 2 in memory; \`nnunet plan\` rewrites it`,
    ]);
    // the same preprocessing: every case counts as finished, and the file is left as it was
    expect(run.skipped).toHaveLength(6);
    expect(run.plan).toEqual(plans.configurations['3d_fullres']);
    expect(await readFile(first.plansFile, 'utf8')).toBe(text);
    await writeFile(first.plansFile, JSON.stringify(plans));
  });

  it('refuses a hand-edited plans.json with one error naming the file and the field', async () => {
    const edits: [(p: any) => void, string][] = [
      [
        (p) => delete p.configurations['3d_fullres'].spacing,
        'configurations.3d_fullres.spacing: Invalid input: expected array',
      ],
      [
        (p) => (p.configurations['3d_fullres'].batchSize = 'two'),
        'configurations.3d_fullres.batchSize: Invalid input: expected number, received string',
      ],
      [
        (p) => (p.configurations['3d_fullres'].patchSize[2] += 1),
        'configurations.3d_fullres.patchSize: patch size',
      ],
      [(p) => (p.version = 3), 'version: unknown plans.json version 3'],
    ];
    for (const [edit, field] of edits) {
      const edited = structuredClone(plans) as unknown as Record<string, any>;
      edit(edited);
      await writeFile(first.plansFile, JSON.stringify(edited));
      await expect(preprocessDataset({ data: DATA, results, nJobs: 1 })).rejects.toThrow(
        `${first.plansFile}: ${field}`,
      );
    }
    await writeFile(first.plansFile, JSON.stringify(plans));
  });

  it('resamples to an edited plan: volumes within 3%, and the inverse gives Dice ≥ 0.99 per structure', async () => {
    for (const spacing of [
      [2.2, 1.7, 2.6],
      [4.5, 1.5, 1.5],
    ]) {
      const edited = structuredClone(plans);
      const c3 = edited.configurations['3d_fullres'];
      if (!c3) throw new Error('no 3d_fullres');
      c3.spacing = spacing;
      await writeFile(first.plansFile, JSON.stringify(edited));
      const run = await preprocessDataset({ data: DATA, results, nJobs: 1 });
      // the plan changed, so no case counts as finished
      expect(run.processed).toHaveLength(6);
      const store = await openStore(run.storeDir as string);
      for (const c of expected.cases) {
        const { meta, label } = await store.readCase(c.case);
        expect(meta.spacing).toEqual(spacing);
        expect(meta.shapeAfterResampling).toEqual(
          meta.shapeBeforeResampling.map((n, a) => Math.round((n * 3) / spacing[a])),
        );
        // the resampled grid's true voxel size (its extent is the cropped extent)
        const voxel = meta.shapeAfterResampling.reduce(
          (v, m, a) => (v * meta.shapeBeforeResampling[a] * meta.spacingBeforeResampling[a]) / m,
          1,
        );
        const found = counts(label?.data ?? []);
        const original = (await readNifti(path.join(DATA, 'labelsTr', `${c.case}.nii.gz`))).volume;
        const restored = restoreLabel(meta, label?.data as Uint8Array).data as Uint8Array;
        for (const [value, count] of c.label_values ?? []) {
          if (value === 0 || count <= 1000) continue;
          const volume = (found.get(value) ?? 0) * voxel;
          expect(Math.abs(volume / (count * 27) - 1), `${c.case} class ${value}`).toBeLessThan(0.03);
          expect(
            dice(restored, original.data as Uint8Array, value),
            `${c.case} class ${value}`,
          ).toBeGreaterThanOrEqual(0.99);
        }
      }
    }
    await writeFile(first.plansFile, JSON.stringify(plans));
  }, 60_000);

  it('preprocesses the test image (1.5 mm, LPS) to the plan without padding or label', async () => {
    const run = await preprocessDataset({ data: DATA, results, nJobs: 1, execMode: 'test' });
    expect(run.failures).toEqual([]);
    const store = await openStore(run.storeDir as string);
    expect(store.caseIds).toEqual(['ct_101']);
    const { meta, image, label } = await store.readCase('ct_101');
    expect(label).toBeUndefined();
    expect(meta.original.orientation).toEqual(['L', 'P', 'S']);
    expect(meta.spacingBeforeResampling).toEqual([1.5, 1.5, 1.5]);
    expect(meta.spacing).toEqual([3, 3, 3]);
    expect(meta.shapeAfterResampling).toEqual(meta.shapeBeforeResampling.map((n) => Math.round(n / 2)));
    expect(meta.pad.before).toEqual([0, 0, 0]);
    expect(image.shape).toEqual([...meta.shapeAfterResampling, 1]);
  });

  it('writes the 2d configuration in-plane only', async () => {
    const run = await preprocessDataset({ data: DATA, results, nJobs: 1, dim: 2, execMode: 'val' });
    const store = await openStore(run.storeDir as string);
    const { meta } = await store.readCase('ct_001');
    expect(run.configuration).toBe('2d');
    expect(meta.spacing).toEqual([3, 3, 3]);
    expect(meta.shape).toEqual(meta.shapeBeforeResampling);
  });

  it.runIf(hasNumpy())('writes .npy files numpy opens', async () => {
    const file = path.join(first.storeDir as string, 'ct_003_x.npy');
    const labelFile = path.join(first.storeDir as string, 'ct_003_y.npy');
    const ours = await readNpy(file);
    const out = execFileSync(
      'python3',
      [
        '-c',
        'import numpy as np,sys; a=np.load(sys.argv[1]); b=np.load(sys.argv[2]); print(a.dtype, a.shape, b.dtype, b.shape, repr(float(a.astype(np.float64).sum())))',
        file,
        labelFile,
      ],
      { encoding: 'utf8' },
    ).trim();
    const sum = Array.from(ours.data as Float32Array).reduce((s, v) => s + v, 0);
    const [dtype, ...rest] = out.split(' ');
    expect(dtype).toBe('float32');
    expect(out).toContain(`(${ours.shape.join(', ')}) uint8 (${ours.shape.slice(0, 3).join(', ')})`);
    expect(Number(rest.at(-1))).toBeCloseTo(sum, 0);
  });

  it('never writes into the dataset folder', async () => {
    expect(await snapshot(DATA)).toEqual(before);
  });

  it('refuses the nvidia planner for a dataset that is not an MSD task', async () => {
    await expect(planDataset({ data: DATA, results, planner: 'nvidia', nJobs: 1 })).rejects.toThrow(
      'is not one of them (name its folder TaskNN_* or pass --task NN)',
    );
  });

  it('plans an MSD task folder with the seed table under --planner nvidia (--preset: deprecated alias)', async () => {
    const root = path.join(results, 'msd_root');
    await cp(DATA, path.join(root, 'Task09_Spleen'), { recursive: true });
    const planned = await planDataset({ task: '09', data: root, results, planner: 'nvidia', nJobs: 1 });
    expect(planned.plans?.msdTask).toBe('09');
    const c3 = planned.plans?.configurations['3d_fullres'];
    expect([c3?.patchSize, c3?.spacing, c3?.topologyRule]).toEqual([
      [64, 192, 160],
      [1.6, 0.79, 0.79],
      'nvidia',
    ]);
    const notices: string[] = [];
    const run = await preprocessDataset(
      { task: '9', data: root, results, preset: 'nvidia', nJobs: 1 },
      { onNotice: (n) => notices.push(n) },
    );
    expect(notices).toEqual([
      expect.stringMatching(/^--preset nvidia: planning with --preset is deprecated, use --planner nvidia/),
    ]);
    // the plan made under --planner nvidia matched, so nothing was planned again
    expect(run.plans).toEqual(planned.plans);
    const { meta, image } = await (await openStore(run.storeDir as string)).readCase('ct_003');
    expect(meta.spacing).toEqual([1.6, 0.79, 0.79]);
    expect(meta.shapeAfterResampling).toEqual(
      meta.shapeBeforeResampling.map((n, a) => Math.round((n * 3) / [1.6, 0.79, 0.79][a])),
    );
    expect(image.shape).toEqual([
      ...meta.shapeAfterResampling.map((n, a) => Math.max(n, [64, 192, 160][a])),
      1,
    ]);
  }, 60_000);

  it('reports a broken case with its file and reason, and still preprocesses the others', async () => {
    const copy = path.join(results, 'broken_copy');
    await cp(DATA, copy, { recursive: true });
    const broken = path.join(copy, 'imagesTr', 'ct_002.nii.gz');
    const bytes = await readFile(broken);
    await rm(broken, { force: true });
    await writeFile(broken, bytes.subarray(0, bytes.length >> 1));
    const out = path.join(results, 'broken_out');
    // fingerprinting reads every case, so plan from the intact dataset's fingerprint and plans
    await cp(path.join(results, 'msd_totalseg_ct'), path.join(out, 'broken_copy'), {
      recursive: true,
      filter: (src) => !src.includes(`${path.sep}3d_fullres`) && !src.includes(`${path.sep}2d`),
    });
    const run = await preprocessDataset({ data: copy, results: out, nJobs: 2 });
    expect(run.failures).toHaveLength(1);
    expect(run.failures[0]).toMatchObject({ caseId: 'ct_002', file: broken });
    expect(run.failures[0].reason).toMatch(/gzip|truncated|unexpected end/i);
    expect(run.processed).toEqual(['ct_001', 'ct_003', 'ct_004', 'ct_005', 'ct_006']);
    const meta = JSON.parse(
      await readFile(path.join(run.storeDir as string, 'ct_001.json'), 'utf8'),
    ) as CaseMetadata;
    expect(meta.source.images).toEqual([path.join(copy, 'imagesTr', 'ct_001.nii.gz')]);
  });
});

describe('a dataset with label values beyond uint8 (0, 1, 300, 1000)', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'preprocess-wide-'));
  });
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });
  const synth = (name: string) =>
    synthesizeDataset(path.join(root, name), {
      cases: 2,
      testCases: 0,
      labels: 3,
      labelValues: [0, 1, 300, 1000],
      shape: '24,24,16',
      seed: 4,
    });

  it('stores classes 0..3 as uint8 (in worker processes), and restores the label values exactly', async () => {
    const dataset = await synth('wide');
    const results = path.join(root, 'results');
    const run = await preprocessDataset({ data: dataset.root, results, nJobs: 2 });
    expect(run.failures).toEqual([]);
    const store = await openStore(run.storeDir as string);
    expect(Object.keys(store.manifest.labels)).toEqual(['0', '1', '300', '1000']);
    const labelMap = new LabelMap(store.manifest.labels);
    for (const c of dataset.training) {
      const { meta, label } = await store.readCase(c.id);
      expect(label?.dtype).toBe('uint8');
      expect(meta.labelDtype).toBe('uint8');
      expect([...counts(label?.data ?? []).keys()].sort()).toEqual([0, 1, 2, 3]);
      expect(meta.labelsPresent).toEqual([1, 2, 3]);
      expect(Object.keys(meta.classLocations)).toEqual(['1', '2', '3']);
      // 1 mm phantoms are stored at 1 mm: crop and pad only, so the way back is exact
      const restored = labelMap.toValues(restoreLabel(meta, label?.data as Uint8Array).data as Uint8Array);
      const original = (await readNifti(c.label!)).volume.data as Uint16Array;
      expect(restored).toEqual(original);
    }
  }, 60_000);

  it('fails a case whose label file holds a value dataset.json does not declare, naming the file and the value', async () => {
    const dataset = await synth('undeclared');
    const file = dataset.training[1]!.label!;
    const { volume } = await readNifti(file);
    (volume.data as Uint16Array)[0] = 7;
    await writeNifti(file, volume);
    const run = await preprocessDataset({ data: dataset.root, results: path.join(root, 'out'), nJobs: 1 });
    expect(run.processed).toEqual([dataset.training[0]!.id]);
    expect(run.failures).toEqual([
      {
        caseId: dataset.training[1]!.id,
        file,
        reason:
          'has label values that dataset.json does not declare: 7 (1 voxels); declared: 0, 1, 300, 1000',
      },
    ]);
  }, 60_000);

  it('refuses a plans.json planned for other label values than dataset.json declares', async () => {
    const dataset = path.join(root, 'wide');
    const json = JSON.parse(await readFile(path.join(dataset, 'dataset.json'), 'utf8'));
    json.labels = { '0': 'background', '1': 'organ', '300': 'lesion', '1001': 'kidney' };
    await writeFile(path.join(dataset, 'dataset.json'), JSON.stringify(json));
    await expect(
      preprocessDataset({ data: dataset, results: path.join(root, 'results'), nJobs: 1 }),
    ).rejects.toThrow(
      /plans\.json: planned for the label values 0, 1, 300, 1000, but .*dataset\.json declares 0, 1, 300, 1001; plan again/,
    );
  });
});
