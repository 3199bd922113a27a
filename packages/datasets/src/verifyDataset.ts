import { stat } from 'node:fs/promises';
import path from 'node:path';
import { readNifti, type NiftiImage } from '@nnunet-ts/io-nifti';
import { dtypeInfo } from '@nnunet-ts/volume';
import type { Dataset, DatasetCase } from './Dataset';
import { channelFiles } from './internal/channelFiles';
import { DEFAULT_GEOMETRY_TOLERANCE, gridMismatches, type Grid } from './internal/gridMismatches';
import { labelValues } from './internal/labelValues';
import { LabelMap } from './LabelMap';

/** One thing wrong with a dataset, about one file. */
export interface DatasetProblem {
  /** Absolute path of the file the problem is about (`dataset.json` for problems of the listing). */
  file: string;
  problem: string;
}

export interface VerifyDatasetOptions {
  /**
   * Relative tolerance for spacing and affine agreement between a case's files:
   * |a − b| ≤ tolerance · max(1, |a|, |b|). Default 1e-4. Shapes must match exactly.
   */
  tolerance?: number;
  /** 3 (default): every image must have three spatial dimensions of more than one voxel; 2: one slice. */
  expectedDim?: 2 | 3;
  /** Refuse files with more voxels than this (passed to `readNifti`). */
  maxVoxels?: number;
  /** Called after each case. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Checks a dataset the way training would use it and returns every problem found, each naming its
 * file (empty when all is well): files listed but missing or unreadable (including empty
 * dimensions), channel files and labels whose shape, spacing or affine disagree, channel counts other
 * than `dataset.json` declares, 2D or 4D images where 3D ones are expected, NaN or infinite voxels,
 * label values that are not integers or not declared, duplicate case ids, a wrong `numTraining`,
 * and v2 image files that belong to no case. Reads every file once, one at a time; writes nothing.
 */
export async function verifyDataset(
  dataset: Dataset,
  options: VerifyDatasetOptions = {},
): Promise<DatasetProblem[]> {
  const tolerance = options.tolerance ?? DEFAULT_GEOMETRY_TOLERANCE;
  if (!(tolerance >= 0)) throw new RangeError(`tolerance must be a number ≥ 0, got ${tolerance}`);
  const expectedDim = options.expectedDim ?? 3;
  const problems: DatasetProblem[] = [];
  const add = (file: string, problem: string) => problems.push({ file, problem });
  const datasetJson = path.join(dataset.root, 'dataset.json');

  if (dataset.numTraining !== undefined && dataset.numTraining !== dataset.training.length) {
    add(
      datasetJson,
      `numTraining is ${dataset.numTraining}, but the dataset has ${dataset.training.length} training cases`,
    );
  }
  for (const [kind, cases] of [
    ['training', dataset.training],
    ['test', dataset.test],
  ] as const) {
    for (const id of duplicates(cases.map((c) => c.id)))
      add(datasetJson, `${kind} case id "${id}" appears more than once`);
  }
  if (dataset.layout === 'nnunet-v2') await checkStrayFiles(dataset, add);

  const context: CaseContext = { dataset, tolerance, expectedDim, maxVoxels: options.maxVoxels, add };
  const all = [...dataset.training, ...dataset.test];
  for (const [i, c] of all.entries()) {
    await checkCase(c, context);
    options.onProgress?.(i + 1, all.length);
  }
  return problems;
}

interface CaseContext {
  dataset: Dataset;
  tolerance: number;
  expectedDim: 2 | 3;
  maxVoxels: number | undefined;
  add: (file: string, problem: string) => void;
}

async function checkCase(c: DatasetCase, context: CaseContext): Promise<void> {
  const { dataset, add } = context;
  const declared = dataset.channelNames.length;
  let reference: { file: string; grid: Grid } | undefined;
  for (const file of c.images) {
    const image = await readChecked(file, c, context);
    if (!image) continue;
    const channels = channelCount(image.dims);
    if (dataset.layout === 'msd' && channels !== declared) {
      add(
        file,
        `has ${channels} channel(s) (dims [${image.dims.join(', ')}]), but dataset.json declares ${declared} (${dataset.channelNames.join(', ')})`,
      );
    } else if (dataset.layout === 'nnunet-v2' && channels !== 1) {
      add(
        file,
        `is ${image.dims.length}D (dims [${image.dims.join(', ')}]); the nnU-Net v2 layout needs one 3D file per channel`,
      );
    }
    if (reference) checkGrid(file, grid(image), reference, context);
    else reference = { file, grid: grid(image) };
    countNonFinite(file, image, add);
  }
  if (dataset.layout === 'nnunet-v2' && c.images.length !== declared) {
    add(
      c.images[0] ?? path.join(dataset.root, 'dataset.json'),
      `case ${c.id} lists ${c.images.length} channel files, but dataset.json declares ${declared}`,
    );
  }
  if (c.label === undefined) return;
  const label = await readChecked(c.label, c, context);
  if (!label) return;
  if (channelCount(label.dims) !== 1) {
    add(c.label, `is ${label.dims.length}D (dims [${label.dims.join(', ')}]); a label map must be 3D`);
  }
  if (reference) checkGrid(c.label, grid(label), reference, context);
  checkLabelValues(c.label, label, dataset, add);
}

/** Reads a file (raw values), or reports why it is missing or unreadable; checks its dimensionality. */
async function readChecked(
  file: string,
  c: DatasetCase,
  context: CaseContext,
): Promise<NiftiImage | undefined> {
  const { add, expectedDim } = context;
  try {
    if (!(await stat(file)).isFile()) {
      add(file, `is not a file (case ${c.id})`);
      return undefined;
    }
  } catch {
    add(file, `missing: dataset.json lists it for case ${c.id}, but it does not exist`);
    return undefined;
  }
  let image: NiftiImage;
  try {
    image = await readNifti(file, { maxVoxels: context.maxVoxels });
  } catch (error) {
    const message = (error as Error).message;
    add(
      file,
      `cannot be read: ${message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message}`,
    );
    return undefined;
  }
  const dims = image.dims;
  const slices = dims[2] ?? 1;
  if (expectedDim === 3 && (dims.length < 3 || slices === 1)) {
    add(file, `is 2D (dims [${dims.join(', ')}]) where 3D images are expected`);
  } else if (expectedDim === 2 && slices !== 1) {
    add(file, `is 3D (dims [${dims.join(', ')}]) where 2D images (one slice) are expected`);
  }
  return image;
}

function checkGrid(
  file: string,
  g: Grid,
  reference: { file: string; grid: Grid },
  context: CaseContext,
): void {
  const name = path.relative(context.dataset.root, reference.file);
  for (const mismatch of gridMismatches(g, reference.grid, context.tolerance)) {
    context.add(file, `not on the grid of ${name}: ${mismatch}`);
  }
}

function countNonFinite(file: string, image: NiftiImage, add: CaseContext['add']): void {
  if (!dtypeInfo(image.volume.dtype).float) return;
  let nan = 0;
  let inf = 0;
  for (const v of image.volume.data as Float32Array | Float64Array) {
    if (Number.isNaN(v)) nan++;
    else if (!Number.isFinite(v)) inf++;
  }
  if (nan + inf > 0) add(file, `has ${nan} NaN and ${inf} infinite voxel(s)`);
}

function checkLabelValues(file: string, label: NiftiImage, dataset: Dataset, add: CaseContext['add']): void {
  if (dtypeInfo(label.volume.dtype).components !== 1) {
    add(file, `a label map cannot be ${label.volume.dtype} data`);
    return;
  }
  const { counts, nonInteger, nonIntegerExample } = labelValues(label);
  if (nonInteger > 0) {
    add(file, `has ${nonInteger} label voxel(s) that are not integers (e.g. ${nonIntegerExample})`);
  }
  const undeclared = new LabelMap(dataset.labels).undeclared(counts);
  if (undeclared) add(file, undeclared);
}

/** v2 image files that fit no case: names without `_XXXX`, or channel indices past the declared channels. */
async function checkStrayFiles(dataset: Dataset, add: CaseContext['add']): Promise<void> {
  for (const folder of ['imagesTr', 'imagesTs']) {
    const dir = path.join(dataset.root, folder);
    const { cases, unmatched } = await channelFiles(dir, dataset.fileEnding);
    for (const name of unmatched) {
      add(path.join(dir, name), `is not named {case}_{XXXX}${dataset.fileEnding}, so it belongs to no case`);
    }
    for (const [id, channels] of cases) {
      for (const channel of channels) {
        if (channel >= dataset.channelNames.length) {
          const name = `${id}_${String(channel).padStart(4, '0')}${dataset.fileEnding}`;
          add(
            path.join(dir, name),
            `is channel ${channel}, but dataset.json declares ${dataset.channelNames.length} channel(s)`,
          );
        }
      }
    }
  }
}

const channelCount = (dims: readonly number[]) => dims.slice(3).reduce((a, b) => a * b, 1);

function grid(image: NiftiImage): Grid {
  return { shape: image.volume.shape, spacing: image.volume.spacing, affine: image.affine };
}

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const id of ids) (seen.has(id) ? repeated : seen).add(id);
  return [...repeated];
}
