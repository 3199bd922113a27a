import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic, writeNifti } from '@nnunet-ts/io-nifti';
import { createVolume, type Vec3 } from '@nnunet-ts/volume';
import type { Dataset } from './Dataset';
import { describeZodIssues } from '@nnunet-ts/plans';
import { LabelMap } from './LabelMap';
import { LegacyRandomState } from './internal/LegacyRandomState';
import { PHANTOM_LABELS, phantomCase, type PhantomSpec } from './internal/phantomCase';
import { loadDataset } from './loadDataset';
import { synthOptionsSchema, type SynthOptions } from './synthOptions';

const ANISOTROPIC_SPACING: Vec3 = [0.8, 0.8, 3];
/** Test cases draw from seeds far from the training cases', so `cases` does not change them. */
const TEST_SEED_OFFSET = 1_000_000;

/**
 * Writes a phantom dataset in the MSD layout (`dataset.json`, `imagesTr`, `labelsTr`, `imagesTs`, and
 * `labelsTs` with the test cases' ground truth) and returns it loaded. The label files hold
 * `labelValues` (default 0, 1, 2[, 3]), as uint8 NIfTI when they all fit, else uint16. Each case is
 * drawn from its own seed, derived from `seed` and its index, so the same options write
 * byte-identical files and adding cases keeps the earlier ones. The folder is built beside its destination and renamed into
 * place; an existing folder is replaced only with `force`.
 */
export async function synthesizeDataset(folder: string, options: SynthOptions = {}): Promise<Dataset> {
  const parsed = synthOptionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new Error(`synthesizeDataset: invalid options: ${describeZodIssues(parsed.error).join('; ')}`);
  }
  const o = parsed.data;
  const base = o.shape.split(',').map((n) => Number(n.trim()));
  if (base.some((n) => n < 8 || n > 1024)) {
    throw new Error(`synthesizeDataset: shape ${o.shape}: each size must be 8 to 1024 voxels`);
  }
  const values = o.labelValues ?? Array.from({ length: o.labels + 1 }, (_, c) => c);
  if (
    values.length !== o.labels + 1 ||
    values[0] !== 0 ||
    values.some((v, c) => c > 0 && v <= values[c - 1]!)
  ) {
    throw new Error(
      `synthesizeDataset: labelValues ${values.join(', ')}: expected ${o.labels + 1} values ascending from 0 (background, organ, lesion${o.labels === 3 ? ', kidney' : ''})`,
    );
  }
  const labels = new Map(values.map((value, c) => [value, PHANTOM_LABELS[c]!]));
  const labelMap = new LabelMap(labels);
  const target = path.resolve(folder);
  if (!o.force && (await nonEmpty(target))) {
    throw new Error(`${target} already exists and is not empty; choose another folder or pass force`);
  }
  const temp = `${target}.synth-${process.pid}-${Date.now().toString(36)}`;
  const channelNames =
    o.modality === 'CT' ? ['CT', 'CT'].slice(0, o.channels) : ['T1w', 'T2w'].slice(0, o.channels);
  const id = (i: number) => `phantom_${String(i).padStart(3, '0')}`;
  try {
    for (const sub of ['imagesTr', 'labelsTr', 'imagesTs', 'labelsTs'])
      await mkdir(path.join(temp, sub), { recursive: true });
    const write = async (index: number, seed: number, images: string, labelFolder: string) => {
      const random = new LegacyRandomState(caseSeed(o.seed, seed));
      const shape = base.map((n) => Math.round(n * random.uniform(0.875, 1.125))) as unknown as Vec3;
      const spec: PhantomSpec = {
        shape,
        spacing: o.anisotropic ? ANISOTROPIC_SPACING : [1, 1, 1],
        channels: o.channels,
        labels: o.labels,
        modality: o.modality,
      };
      const { image, label } = phantomCase(spec, random);
      await writeNifti(path.join(temp, images, `${id(index)}.nii.gz`), image);
      // the phantom's tissues are classes; the files hold the chosen values
      const labelFile = createVolume({
        data: labelMap.toValues(label.data),
        shape: label.shape,
        affine: label.affine,
        spacing: label.spacing,
      });
      await writeNifti(path.join(temp, labelFolder, `${id(index)}.nii.gz`), labelFile);
    };
    for (let i = 0; i < o.cases; i++) await write(i, i, 'imagesTr', 'labelsTr');
    for (let j = 0; j < o.testCases; j++)
      await write(o.cases + j, TEST_SEED_OFFSET + j, 'imagesTs', 'labelsTs');
    const datasetJson = {
      name: `Phantom${o.modality}`,
      description: `Synthetic ${o.modality}-like phantoms (nnunet-ts synthesizeDataset, seed ${o.seed}): an organ, a lesion inside it${o.labels === 3 ? ' and a kidney' : ''} in a body, with texture and noise. labelsTs holds the test cases' ground truth.`,
      reference: 'nnunet-ts',
      licence: 'CC0-1.0',
      release: '1.0',
      tensorImageSize: o.channels > 1 ? '4D' : '3D',
      modality: Object.fromEntries(channelNames.map((name, c) => [String(c), name])),
      labels: Object.fromEntries([...labels].map(([value, name]) => [String(value), name])),
      numTraining: o.cases,
      numTest: o.testCases,
      training: Array.from({ length: o.cases }, (_, i) => ({
        image: `./imagesTr/${id(i)}.nii.gz`,
        label: `./labelsTr/${id(i)}.nii.gz`,
      })),
      test: Array.from({ length: o.testCases }, (_, j) => `./imagesTs/${id(o.cases + j)}.nii.gz`),
    };
    await writeFileAtomic(path.join(temp, 'dataset.json'), `${JSON.stringify(datasetJson, null, 4)}\n`);
    if (o.force) await rm(target, { recursive: true, force: true });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  return loadDataset(target);
}

/** A well-mixed 32-bit seed per case (golden-ratio stride, then MT's own seeding scrambles it). */
function caseSeed(seed: number, index: number): number {
  return (seed + Math.imul(0x9e3779b9, index + 1)) >>> 0;
}

async function nonEmpty(folder: string): Promise<boolean> {
  try {
    return (await readdir(folder)).length > 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
