import { readNifti, type NiftiImage } from '@nnunet-ts/io-nifti';
import { createVolume, voxelCount, type Volume } from '@nnunet-ts/volume';
import type { Dataset, DatasetCase } from './Dataset';
import { DatasetError } from './DatasetError';
import { DEFAULT_GEOMETRY_TOLERANCE, gridMismatches } from './internal/gridMismatches';
import { toLabelVolume } from './internal/toLabelVolume';

/** A case in memory. */
export interface LoadedCase {
  id: string;
  /** float32 (scaled as the header says), one channel per `dataset.channelNames` entry. */
  image: Volume<'float32'>;
  /** Integer typed data on the image's grid, one channel; absent for test cases. */
  label?: Volume;
}

export interface ReadCaseOptions {
  /** Refuse files with more voxels than this (passed to `readNifti`). */
  maxVoxels?: number;
}

/**
 * Reads a case's image (an MSD 4D file, or the v2 channel files stacked in channel order) and label.
 * Throws a `DatasetError` naming the file when the channel count is not the dataset's, or when the
 * channel files and the label do not share one voxel grid.
 */
export async function readCase(
  dataset: Dataset,
  c: DatasetCase,
  options: ReadCaseOptions = {},
): Promise<LoadedCase> {
  const read = async (file: string, as: 'raw' | 'float32'): Promise<NiftiImage> => {
    try {
      return await readNifti(file, { as, maxVoxels: options.maxVoxels });
    } catch (error) {
      const message = (error as Error).message;
      throw new DatasetError(
        file,
        message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message,
        {
          cause: error,
        },
      );
    }
  };
  const expected = dataset.channelNames.length;
  const parts: Volume<'float32'>[] = [];
  for (const file of c.images) {
    const { volume } = await read(file, 'float32');
    parts.push(volume as Volume<'float32'>);
    if (parts.length > 1) sameGrid(volume, parts[0]!, file, `the first channel file ${c.images[0]}`);
  }
  const channels = parts.reduce((n, part) => n + part.channels, 0);
  if (channels !== expected || parts.length === 0) {
    throw new DatasetError(
      c.images.join(', '),
      `case ${c.id} has ${channels} channel(s), but dataset.json declares ${expected} (${dataset.channelNames.join(', ')})`,
    );
  }
  const image = parts.length === 1 ? parts[0]! : stackChannels(parts);
  if (c.label === undefined) return { id: c.id, image };
  const label = toLabelVolume(await read(c.label, 'raw'), c.label);
  if (label.channels !== 1) {
    throw new DatasetError(c.label, `the label map has ${label.channels} volumes; it must be one 3D volume`);
  }
  sameGrid(label, image, c.label, `the image ${c.images[0]}`);
  return { id: c.id, image, label };
}

function sameGrid(volume: Volume, reference: Volume, file: string, referenceName: string): void {
  const problems = gridMismatches(volume, reference, DEFAULT_GEOMETRY_TOLERANCE);
  if (problems.length > 0) {
    throw new DatasetError(file, `not on the grid of ${referenceName}: ${problems.join('; ')}`);
  }
}

/** One float32 volume whose channels are the parts' channels in order (NIfTI order: channel slowest). */
function stackChannels(parts: Volume<'float32'>[]): Volume<'float32'> {
  const first = parts[0]!;
  const size = voxelCount(first);
  const channels = parts.reduce((n, part) => n + part.channels, 0);
  const data = new Float32Array(size * channels);
  let offset = 0;
  for (const part of parts) {
    data.set(part.data, offset);
    offset += part.data.length;
  }
  return createVolume({ data, shape: first.shape, channels, affine: first.affine, spacing: first.spacing });
}
