// Gzip streams that inflate far beyond their size: a header and megabytes of zeros, as concatenated members.
import { writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { createVolume } from '@nnunet-ts/volume';
import fc from 'fast-check';
import { encodeNiftiParts } from '../../../encodeNifti';

const MiB = 2 ** 20;
/** One member inflating to 1 MiB of zeros (about 1 KiB); repeated, it builds a bomb in no time. */
const ZERO_MEMBER = gzipSync(new Uint8Array(MiB), { level: 9 });

export interface GzipBombCase {
  version: 1 | 2;
  /** a .hdr.gz read from a file (its .img beside it) instead of .nii.gz bytes */
  pair: boolean;
  /** uint8 voxels the header declares, as dims [w, h, 1] */
  width: number;
  height: number;
  dataBytes: number;
  /** where a single file's data start (vox_offset); 0 for a pair */
  voxOffset: number;
  /** every byte the stream inflates to, the header included */
  inflatedBytes: number;
  /** the gzip trailer of the last member cut off */
  truncated: boolean;
}

export const gzipBombCase: fc.Arbitrary<GzipBombCase> = fc
  .record({
    version: fc.constantFrom(1 as const, 2 as const),
    pair: fc.boolean(),
    width: fc.integer({ min: 1, max: 4096 }),
    height: fc.integer({ min: 1, max: 4096 }),
    // extension area in 16-byte steps: none, a little, or tens of MiB
    extensionBlocks: fc.oneof(fc.nat(64), fc.nat((80 * MiB) / 16)),
    // whether the stream reaches the end of the declared data, before the extra zeros
    covered: fc.boolean(),
    zeroMiB: fc.oneof(fc.nat(4), fc.nat(80)),
    tail: fc.nat(65535),
    truncated: fc.boolean(),
  })
  .map(({ version, pair, width, height, extensionBlocks, covered, zeroMiB, tail, truncated }) => {
    const headerBytes = (version === 1 ? 348 : 540) + (pair ? 0 : 4);
    const voxOffset = pair ? 0 : headerBytes + 16 * extensionBlocks;
    const dataBytes = width * height;
    const reach = covered && !pair ? voxOffset + dataBytes : headerBytes;
    return {
      version,
      pair,
      width,
      height,
      dataBytes,
      voxOffset,
      inflatedBytes: reach + zeroMiB * MiB + tail,
      truncated,
    };
  });

/**
 * The bomb's input: .nii.gz bytes, or the path of a .hdr.gz written by `scratchFile` (with a plain .img of
 * the declared zeros beside it).
 */
export async function gzipBomb(
  bomb: GzipBombCase,
  scratchFile: (ending: string) => string,
): Promise<{ input: Uint8Array | string; file?: string }> {
  const volume = createVolume({ data: new Uint8Array(1), shape: [1, 1, 1] });
  const { header } = encodeNiftiParts(volume, { version: bomb.version }, bomb.pair);
  const view = new DataView(header.buffer);
  if (bomb.version === 1) {
    view.setInt16(42, bomb.width, true);
    view.setInt16(44, bomb.height, true);
    view.setFloat32(108, bomb.voxOffset, true);
  } else {
    view.setBigInt64(24, BigInt(bomb.width), true);
    view.setBigInt64(32, BigInt(bomb.height), true);
    view.setBigInt64(168, BigInt(bomb.voxOffset), true);
  }
  const zeros = bomb.inflatedBytes - header.length;
  const members = [gzipSync(header), ...Array<Uint8Array>(Math.floor(zeros / MiB)).fill(ZERO_MEMBER)];
  members.push(gzipSync(new Uint8Array(zeros % MiB)));
  let stream = Buffer.concat(members);
  if (bomb.truncated) stream = stream.subarray(0, stream.length - 4);
  if (!bomb.pair) return { input: stream };
  const file = scratchFile('.hdr.gz');
  await writeFile(file, stream);
  await writeFile(file.replace(/\.hdr\.gz$/, '.img'), new Uint8Array(bomb.dataBytes));
  return { input: file, file };
}
