// Node-only entry points (node:fs, node:zlib). The format logic lives in the browser-safe core.
import { access } from 'node:fs/promises';
import { NiftiError } from './NiftiError';
import type { NiftiHeaderInfo, NiftiImage } from './NiftiImage';
import { assembleImage, type ReadAs } from './internal/assembleImage';
import { DEFAULT_MAX_VOXELS } from './internal/dataLayout';
import { DataSink } from './internal/DataSink';
import { openSource, type OpenedSource } from './internal/nodeSource';
import { checkFits, NiftiStreamDecoder, type DecodedHeader } from './internal/NiftiStreamDecoder';

export interface ReadNiftiOptions {
  /** 'raw' (default): the stored values; 'float32' / 'float64': scaled by scl_slope / scl_inter. */
  as?: ReadAs;
  /** Refuse images with more voxels than this (all dimensions together). Default 2^30. */
  maxVoxels?: number;
}

/**
 * Reads a .nii, .nii.gz, .hdr/.img pair (give either name; .hdr.gz/.img.gz too) or the bytes of a single
 * file. Decompression streams into a buffer allocated once the header has been checked; a damaged or
 * truncated gzip stream is an error, never partial data.
 */
export async function readNifti(
  source: string | Uint8Array,
  options: ReadNiftiOptions = {},
): Promise<NiftiImage> {
  const { decoded, data, name } = await read(source, options, false);
  return assembleImage(name, decoded, data as ArrayBuffer, options.as ?? 'raw');
}

/** Reads and checks only the header (and extensions): works for a .hdr whose .img is missing. */
export async function readNiftiHeader(
  source: string | Uint8Array,
  options: Pick<ReadNiftiOptions, 'maxVoxels'> = {},
): Promise<NiftiHeaderInfo> {
  return (await read(source, options, true)).decoded.info;
}

async function read(
  source: string | Uint8Array,
  options: ReadNiftiOptions,
  headerOnly: boolean,
): Promise<{ decoded: DecodedHeader; data: ArrayBuffer | null; name: string }> {
  const maxVoxels = options.maxVoxels ?? DEFAULT_MAX_VOXELS;
  const paths = typeof source === 'string' ? pairPaths(source) : null;
  const headerName = typeof source === 'string' ? (paths?.header ?? source) : '<bytes>';
  const header = await openSource(paths?.header ?? source, headerName);
  const decoder = new NiftiStreamDecoder(
    headerName,
    { maxVoxels, capacity: header.capacity, capacityExact: !header.gzip, initialBytes: header.initialBytes },
    { headerOnly, pairAllowed: paths !== null },
  );
  await feed(header, (chunk) => decoder.push(chunk), headerOnly);
  const { decoded, data } = decoder.finish();
  if (data || headerOnly || !decoded.pair) return { decoded, data, name: headerName };

  const imagePath = await existingImage(paths as PairPaths, headerName);
  const image = await openSource(imagePath, imagePath);
  checkFits(imagePath, decoded.layout, { maxVoxels, capacity: image.capacity, capacityExact: !image.gzip });
  const sink = new DataSink(
    imagePath,
    decoded.layout.dataOffset,
    decoded.layout.dataBytes,
    image.initialBytes,
  );
  await feed(image, (chunk) => sink.push(chunk), false);
  return { decoded, data: sink.finish(), name: headerName };
}

/** Streams a source into a consumer; gzip streams are read to their end so that every CRC is checked. */
async function feed(
  source: OpenedSource,
  push: (chunk: Uint8Array) => boolean,
  headerOnly: boolean,
): Promise<void> {
  for await (const chunk of source.chunks()) {
    if (push(chunk) && (headerOnly || !source.gzip)) break;
  }
}

interface PairPaths {
  header: string;
  images: string[];
}

/** For a .hdr or .img name (optionally .gz), the header file and the candidate image files. */
function pairPaths(path: string): PairPaths | null {
  const m = /^(.*)\.(hdr|img)(\.gz)?$/i.exec(path);
  if (!m) return null;
  const [, base, ext, gz = ''] = m;
  const upper = ext === ext.toUpperCase();
  const hdr = `${base}.${upper ? 'HDR' : 'hdr'}${gz}`;
  const img = `${base}.${upper ? 'IMG' : 'img'}`;
  if (ext.toLowerCase() === 'img') return { header: hdr, images: [path] };
  return { header: path, images: gz ? [`${img}${gz}`, img] : [img, `${img}.gz`] };
}

async function existingImage(paths: PairPaths, headerName: string): Promise<string> {
  for (const candidate of paths.images) {
    try {
      await access(candidate);
      return candidate;
    } catch {
      // try the next name
    }
  }
  throw new NiftiError(
    'IO',
    headerName,
    `the header is one half of a .hdr/.img pair, but its image file ${paths.images[0]} does not exist`,
  );
}
