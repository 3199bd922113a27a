import { NPY_DTYPES, type NpyArray } from './NpyArray';
import { elementCount, openNpyFile } from './internal/npyFile';

export interface ReadNpyRegionOptions {
  /** value of the parts of the region outside the array (default 0) */
  fill?: number;
}

/**
 * Reads the box `start`..`start + size` over the leading `start.length` axes of a .npy array (the
 * trailing axes whole, e.g. the channels of a [D, H, W, C] image), touching only the rows it needs: one
 * read per index of the leading axes but the last two. The box may extend past the array (or start
 * below 0): those parts get `fill`, as a patch sampler padding at the border needs.
 */
export async function readNpyRegion(
  file: string,
  start: readonly number[],
  size: readonly number[],
  { fill = 0 }: ReadNpyRegionOptions = {},
): Promise<NpyArray> {
  const npy = await openNpyFile(file);
  try {
    const { shape, dtype } = npy.header;
    const k = start.length;
    if (k === 0 || k > shape.length || size.length !== k) {
      throw new RangeError(
        `${file}: a region needs 1 to ${shape.length} start and size values, got [${start.join(', ')}] / [${size.join(', ')}]`,
      );
    }
    if (![...start, ...size].every(Number.isInteger) || !size.every((s) => s >= 0)) {
      throw new RangeError(`${file}: bad region start [${start.join(', ')}] size [${size.join(', ')}]`);
    }
    const trailing = shape.slice(k);
    const block = elementCount(trailing);
    const out = new NPY_DTYPES[dtype].array(elementCount(size) * block);
    if (fill !== 0) out.fill(fill);
    const result = { dtype, shape: [...size, ...trailing], data: out } as NpyArray;
    const lo = start.map((s, a) => Math.min(shape[a], Math.max(0, s)));
    const hi = start.map((s, a) => Math.max(lo[a], Math.min(shape[a], s + size[a])));
    if (lo.some((l, a) => l >= hi[a])) return result;

    // element strides over the leading axes, in the file and in the output
    const fileStride = start.map((_, a) => elementCount(shape.slice(a + 1)));
    const outStride = start.map((_, a) => elementCount(size.slice(a + 1)) * block);
    if (k === 1) {
      out.set(await npy.read(lo[0] * block, (hi[0] - lo[0]) * block), (lo[0] - start[0]) * block);
      return result;
    }
    // each read spans axis p's range in whole rows; within a row, axis q's range is contiguous
    const p = k - 2;
    const q = k - 1;
    const rowLength = (hi[q] - lo[q]) * block;
    const index = lo.slice(0, p);
    for (let left = elementCount(index.map((l, a) => hi[a] - l)); left > 0; left--) {
      let fileFirst = lo[p] * fileStride[p];
      let outFirst = (lo[p] - start[p]) * outStride[p] + (lo[q] - start[q]) * outStride[q];
      for (let a = 0; a < p; a++) {
        fileFirst += index[a] * fileStride[a];
        outFirst += (index[a] - start[a]) * outStride[a];
      }
      const rows = hi[p] - lo[p];
      const span = await npy.read(fileFirst, rows * fileStride[p]);
      for (let r = 0; r < rows; r++) {
        const from = r * fileStride[p] + lo[q] * fileStride[q];
        out.set(span.subarray(from, from + rowLength), outFirst + r * outStride[p]);
      }
      // next index of the outer axes (an odometer)
      for (let a = p - 1; a >= 0; a--) {
        if (++index[a] < hi[a]) break;
        index[a] = lo[a];
      }
    }
    return result;
  } finally {
    await npy.close();
  }
}
