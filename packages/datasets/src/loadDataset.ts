import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { Dataset, DatasetCase } from './Dataset';
import { DatasetError } from './DatasetError';
import { LabelMap } from './LabelMap';
import { channelFile, channelFiles, labelCaseIds } from './internal/channelFiles';
import { describeZodIssues } from '@nnunet-ts/plans';
import { msdDatasetJson, type MsdDatasetJson } from './internal/msdDatasetJson';
import { v2DatasetJson, type V2DatasetJson } from './internal/v2DatasetJson';

/** Image file endings the NIfTI reader handles. */
const NIFTI_ENDING = /\.(nii|hdr|img)(\.gz)?$/i;

/**
 * Reads a dataset folder's `dataset.json`, in the MSD layout (`modality`, `labels` value → name,
 * `training`, `test`) or the nnU-Net v2 layout (`channel_names`, `labels` name → value,
 * `file_ending`; cases found in `imagesTr`/`labelsTr`/`imagesTs`, or listed under `dataset`).
 * Only reads `dataset.json` and folder listings: whether the files exist and agree is `verifyDataset`'s job.
 */
export async function loadDataset(folder: string): Promise<Dataset> {
  const root = path.resolve(folder);
  const file = path.join(root, 'dataset.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT' ? 'not found: a dataset folder needs a dataset.json' : `cannot read: ${code}`;
    throw new DatasetError(file, problem, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DatasetError(file, `not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new DatasetError(file, 'expected a JSON object');
  }
  if ('channel_names' in json) return v2Dataset(root, file, parse(v2DatasetJson, json, file, 'nnU-Net v2'));
  if ('modality' in json) return msdDataset(root, file, parse(msdDatasetJson, json, file, 'MSD'));
  throw new DatasetError(
    file,
    "has neither 'modality' (MSD layout) nor 'channel_names' (nnU-Net v2 layout), so its layout is unknown",
  );
}

function parse<S extends z.ZodType>(schema: S, json: unknown, file: string, layout: string): z.output<S> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const lines = describeZodIssues(result.error).map((line) => `\n  ${line}`);
  throw new DatasetError(file, `invalid ${layout} dataset.json:${lines.join('')}`);
}

function msdDataset(root: string, file: string, json: MsdDatasetJson): Dataset {
  const labels = new Map<number, string>();
  for (const [value, name] of Object.entries(json.labels)) labels.set(Number(value), name);
  const first = json.training[0]?.image ?? json.test[0];
  const fileEnding = first === undefined ? '.nii.gz' : niftiEnding(first, file, 'training[0].image');
  const caseOf = (image: string, field: string): DatasetCase => {
    const ending = niftiEnding(image, file, field);
    return { id: path.basename(image).slice(0, -ending.length), images: [path.resolve(root, image)] };
  };
  return {
    root,
    name: json.name ?? path.basename(root),
    layout: 'msd',
    channelNames: channelList(json.modality, file, 'modality'),
    labels: checkedLabels(labels, file),
    fileEnding,
    training: json.training.map((entry, i) => ({
      ...caseOf(entry.image, `training[${i}].image`),
      label: path.resolve(root, entry.label),
    })),
    test: json.test.map((image, i) => caseOf(image, `test[${i}]`)),
    numTraining: json.numTraining,
  };
}

async function v2Dataset(root: string, file: string, json: V2DatasetJson): Promise<Dataset> {
  const labels = new Map<number, string>();
  for (const [name, value] of Object.entries(json.labels)) {
    if (Array.isArray(value)) {
      throw new DatasetError(
        file,
        `labels.${name}: region-based labels (a list of values) are not supported; give each label one integer value`,
      );
    }
    const taken = labels.get(value);
    if (taken !== undefined) {
      throw new DatasetError(file, `labels: "${taken}" and "${name}" both have the value ${value}`);
    }
    labels.set(value, name);
  }
  const channelNames = channelList(json.channel_names, file, 'channel_names');
  const ending = json.file_ending;
  const imagesOf = (folder: string, id: string) =>
    channelNames.map((_, c) => channelFile(folder, id, c, ending));
  let training: DatasetCase[];
  if (json.dataset) {
    // explicit file lists, relative to the dataset folder as nnU-Net v2 resolves them
    training = Object.entries(json.dataset).map(([id, entry]) => ({
      id,
      images: entry.images.map((image) => path.resolve(root, image)),
      label: path.resolve(root, entry.label),
    }));
  } else {
    const imagesTr = path.join(root, 'imagesTr');
    const labelsTr = path.join(root, 'labelsTr');
    const ids = new Set([
      ...(await channelFiles(imagesTr, ending)).cases.keys(),
      ...(await labelCaseIds(labelsTr, ending)),
    ]);
    training = [...ids].sort().map((id) => ({
      id,
      images: imagesOf(imagesTr, id),
      label: path.join(labelsTr, `${id}${ending}`),
    }));
  }
  const imagesTs = path.join(root, 'imagesTs');
  const testIds = [...(await channelFiles(imagesTs, ending)).cases.keys()].sort();
  return {
    root,
    name: json.name ?? path.basename(root),
    layout: 'nnunet-v2',
    channelNames,
    labels: checkedLabels(labels, file),
    fileEnding: ending,
    training,
    test: testIds.map((id) => ({ id, images: imagesOf(imagesTs, id) })),
    numTraining: json.numTraining,
  };
}

/** Channel names in index order; the indices must be 0..n-1. */
function channelList(record: Record<string, string>, file: string, field: string): string[] {
  const entries = Object.entries(record)
    .map(([index, name]) => [Number(index), name] as const)
    .sort((a, b) => a[0] - b[0]);
  if (entries.length === 0) throw new DatasetError(file, `${field}: declares no channel`);
  if (entries.some(([index], i) => index !== i)) {
    throw new DatasetError(
      file,
      `${field}: channel indices must be 0..${entries.length - 1}, got ${entries.map(([i]) => i).join(', ')}`,
    );
  }
  return entries.map(([, name]) => name);
}

/** The labels in ascending order, once `LabelMap` accepts them (values 0..65535, background 0 included). */
function checkedLabels(labels: Map<number, string>, file: string): Map<number, string> {
  try {
    new LabelMap(labels);
  } catch (error) {
    throw new DatasetError(file, `labels: ${(error as Error).message}`, { cause: error });
  }
  return new Map([...labels].sort((a, b) => a[0] - b[0]));
}

function niftiEnding(image: string, file: string, field: string): string {
  const match = NIFTI_ENDING.exec(image);
  if (!match)
    throw new DatasetError(file, `${field}: "${image}" is not a NIfTI file (.nii, .nii.gz, .hdr, .img)`);
  return match[0];
}
