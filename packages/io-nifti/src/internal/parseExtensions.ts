import type { NiftiExtension } from '../NiftiHeader';

/**
 * Reads the extension section between `start` (right after the header) and `end` (vox_offset, or the end of
 * a .hdr). The standard requires each esize to be a positive multiple of 16 that stays inside the section;
 * a section that breaks this is ignored as a whole (with a warning) and never trusted for allocation.
 * An esize of 0 ends the list (padding up to vox_offset).
 */
export function parseExtensions(
  bytes: Uint8Array,
  start: number,
  end: number,
  littleEndian: boolean,
): { extensions: NiftiExtension[]; warning?: string } {
  const limit = Math.min(end, bytes.length);
  if (start + 4 > limit || bytes[start] === 0) return { extensions: [] };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const extensions: NiftiExtension[] = [];
  let pos = start + 4;
  while (pos + 8 <= limit) {
    const esize = view.getInt32(pos, littleEndian);
    if (esize === 0) break;
    if (esize < 16 || esize % 16 !== 0 || pos + esize > limit) {
      return {
        extensions: [],
        warning: `extension at byte ${pos} has esize ${esize} (must be a positive multiple of 16 within ${limit} bytes); the extension section is ignored`,
      };
    }
    extensions.push({ code: view.getInt32(pos + 4, littleEndian), data: bytes.slice(pos + 8, pos + esize) });
    pos += esize;
  }
  return { extensions };
}
