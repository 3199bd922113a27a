import type { Volume } from '@nnunet-ts/volume';
import type { NiftiExtension } from './NiftiHeader';
import { NiftiError } from './NiftiError';
import { buildHeader, type HeaderOptions } from './internal/buildHeader';
import { encodeVoxels } from './internal/decodeVoxels';
import { serializeHeader } from './internal/serializeHeader';

export interface EncodeNiftiOptions extends HeaderOptions {
  /** Header extensions to store (e.g. a read image's `extensions`); each is padded to a multiple of 16. */
  extensions?: NiftiExtension[];
  /** Name used in error messages. */
  fileName?: string;
}

/** The two byte runs of a NIfTI file: header with extensions (padded to vox_offset), and voxel data. */
export interface NiftiParts {
  header: Uint8Array;
  data: Uint8Array;
}

/**
 * Encodes a volume as the header and data of a NIfTI file: a single file (`pair` false: data follow at
 * vox_offset) or a .hdr/.img pair (data at offset 0 of the .img). Browser-safe.
 */
export function encodeNiftiParts(volume: Volume, options: EncodeNiftiOptions = {}, pair = false): NiftiParts {
  const file = options.fileName ?? '<bytes>';
  const header = buildHeader(volume, options, pair, file);
  const extensions = options.extensions ?? [];
  const extBytes = extensions.map((e) => {
    if (!Number.isInteger(e.code) || e.code < -(2 ** 31) || e.code >= 2 ** 31) {
      throw new NiftiError('INVALID_VOLUME', file, `extension code ${e.code} is not an int32`);
    }
    return Math.ceil((8 + e.data.length) / 16) * 16;
  });
  const headerSize = header.sizeofHdr;
  // A pair's .hdr carries the 4 extension-flag bytes only when extensions follow (plain 348-byte headers are common).
  const extender = pair && extensions.length === 0 ? 0 : 4;
  const needed = headerSize + extender + extBytes.reduce((a, b) => a + b, 0);
  if (pair) {
    header.voxOffset = 0;
  } else {
    const kept = header.voxOffset;
    // keep a template's larger vox_offset (padding) so a file writes back byte for byte
    header.voxOffset = Number.isInteger(kept) && kept >= needed && kept - needed < 1 << 20 ? kept : needed;
  }
  const out = new Uint8Array(pair ? needed : header.voxOffset);
  out.set(serializeHeader(header, file), 0);
  const view = new DataView(out.buffer);
  if (extensions.length > 0) out[headerSize] = 1;
  let at = headerSize + 4;
  extensions.forEach((e, i) => {
    view.setInt32(at, extBytes[i], header.littleEndian);
    view.setInt32(at + 4, e.code, header.littleEndian);
    out.set(e.data, at + 8);
    at += extBytes[i];
  });
  return { header: out, data: encodeVoxels(volume.data, header.littleEndian) };
}

/** Encodes a volume as the bytes of an uncompressed single-file NIfTI (.nii). Browser-safe. */
export function encodeNifti(volume: Volume, options: EncodeNiftiOptions = {}): Uint8Array {
  const { header, data } = encodeNiftiParts(volume, options, false);
  const out = new Uint8Array(header.length + data.length);
  out.set(header, 0);
  out.set(data, header.length);
  return out;
}
