import { NiftiError } from './NiftiError';
import type { NiftiImage } from './NiftiImage';
import { assembleImage, type ReadAs } from './internal/assembleImage';
import { DEFAULT_MAX_VOXELS } from './internal/dataLayout';
import { DataSink } from './internal/DataSink';
import { checkFits, NiftiStreamDecoder } from './internal/NiftiStreamDecoder';

export interface DecodeNiftiOptions {
  /** 'raw' (default): the stored values; 'float32' / 'float64': scaled by scl_slope / scl_inter. */
  as?: ReadAs;
  /** Refuse images with more voxels than this (all dimensions together). Default 2^30. */
  maxVoxels?: number;
  /** The .img bytes when `bytes` is the header of a .hdr/.img pair (or an Analyze header). */
  imageBytes?: Uint8Array;
  /** Name used in error messages. */
  fileName?: string;
}

/**
 * Decodes uncompressed NIfTI bytes (browser-safe: no Node APIs). Gzip input must be decompressed first,
 * for example with DecompressionStream('gzip') in a browser; readNifti does that in Node.
 */
export function decodeNifti(bytes: Uint8Array, options: DecodeNiftiOptions = {}): NiftiImage {
  const file = options.fileName ?? '<bytes>';
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new NiftiError(
      'NOT_NIFTI',
      file,
      'the bytes are gzip-compressed; decompress them first (readNifti does)',
    );
  }
  const maxVoxels = options.maxVoxels ?? DEFAULT_MAX_VOXELS;
  const decoder = new NiftiStreamDecoder(
    file,
    { maxVoxels, capacity: bytes.length, capacityExact: true },
    { headerOnly: false, pairAllowed: options.imageBytes !== undefined },
  );
  decoder.push(bytes);
  const { decoded, data } = decoder.finish();
  if (data) return assembleImage(file, decoded, data, options.as ?? 'raw');
  const image = options.imageBytes as Uint8Array;
  const imageFile = `${file} (image)`;
  checkFits(imageFile, decoded.layout, { maxVoxels, capacity: image.length, capacityExact: true });
  const sink = new DataSink(imageFile, decoded.layout.dataOffset, decoded.layout.dataBytes);
  sink.push(image);
  return assembleImage(file, decoded, sink.finish(), options.as ?? 'raw');
}
