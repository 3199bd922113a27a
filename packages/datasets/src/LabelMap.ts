import { DatasetError } from './DatasetError';

/** The largest label value: label maps are written as uint8 or uint16 NIfTI. */
export const MAX_LABEL_VALUE = 0xffff;

/** Label value → name, as `Dataset.labels` (a Map) or a plans file's `labels` (`{ "0": "background" }`) hold them. */
export type LabelNames = ReadonlyMap<number, string> | Readonly<Record<string, string>>;

/**
 * The label values a dataset declares and the contiguous classes 0..C-1 a network is trained on: class
 * c is the c-th smallest value, so background 0 is class 0. The preprocessed store, the loader, the
 * loss and validation work on classes; label maps written for people hold the values again.
 */
export class LabelMap {
  /** `values[c]` is the label value of class c, ascending from 0 */
  readonly values: readonly number[];
  /** what class ids are stored in: uint8 up to 256 classes (every store written so far), else uint16 */
  readonly classDtype: 'uint8' | 'uint16';
  /** what label maps are written in: uint8 when every value fits, else uint16 */
  readonly valueDtype: 'uint8' | 'uint16';
  // value → class; -1 for a value in range that is not declared
  private readonly classOfValue: Int32Array;
  private readonly valueOfClass: Uint16Array;

  /** Throws a RangeError when a value is not an integer in 0..65535 or background 0 is missing. */
  constructor(labels: LabelNames) {
    const keys = labels instanceof Map ? [...labels.keys()] : Object.keys(labels).map(Number);
    for (const value of keys) {
      if (!Number.isInteger(value) || value < 0 || value > MAX_LABEL_VALUE) {
        throw new RangeError(`label value ${value} is not an integer in 0..${MAX_LABEL_VALUE}`);
      }
    }
    const values = [...new Set(keys)].sort((a, b) => a - b);
    if (values[0] !== 0) throw new RangeError('the background label 0 is not declared');
    this.values = values;
    this.classDtype = values.length <= 0x100 ? 'uint8' : 'uint16';
    this.valueDtype = values.at(-1)! <= 0xff ? 'uint8' : 'uint16';
    this.classOfValue = new Int32Array(values.at(-1)! + 1).fill(-1);
    values.forEach((value, c) => (this.classOfValue[value] = c));
    this.valueOfClass = Uint16Array.from(values);
  }

  /** C, background included: what the network outputs. */
  get classes(): number {
    return this.values.length;
  }

  /** The class of a label value; undefined when it is not declared. */
  classOf(value: number): number | undefined {
    const c = this.classOfValue[value];
    return c === undefined || c < 0 ? undefined : c;
  }

  /**
   * The class ids of a label map's values, as `classDtype`. A value that is not declared is a
   * `DatasetError` naming `file`, each such value and its voxel count.
   */
  toClasses(values: ArrayLike<number | bigint>, file: string): Uint8Array | Uint16Array {
    const out = this.classDtype === 'uint8' ? new Uint8Array(values.length) : new Uint16Array(values.length);
    const lookup = this.classOfValue;
    let undeclared = false;
    for (let i = 0; i < values.length; i++) {
      // undefined for negative, fractional and too large values, -1 for gaps between declared ones
      const c = lookup[Number(values[i])];
      if (c === undefined || c < 0) undeclared = true;
      else out[i] = c;
    }
    if (undeclared) throw new DatasetError(file, this.undeclared(valueCounts(values))!);
    return out;
  }

  /** The label values of class ids (a prediction's argmax), as `valueDtype`. */
  toValues(classIds: ArrayLike<number>): Uint8Array | Uint16Array {
    const out =
      this.valueDtype === 'uint8' ? new Uint8Array(classIds.length) : new Uint16Array(classIds.length);
    const lookup = this.valueOfClass;
    for (let i = 0; i < classIds.length; i++) {
      const value = lookup[classIds[i]!];
      if (value === undefined) {
        throw new RangeError(
          `class id ${classIds[i]} at voxel ${i}: the labels have ${this.classes} classes (0..${this.classes - 1})`,
        );
      }
      out[i] = value;
    }
    return out;
  }

  /**
   * What is wrong with a label map whose values (value → voxel count) include undeclared ones, as
   * `verifyDataset` and `toClasses` report it; undefined when every value is declared.
   */
  undeclared(counts: ReadonlyMap<number, number>): string | undefined {
    const extra = [...counts]
      .filter(([value]) => this.classOf(value) === undefined)
      .sort((a, b) => a[0] - b[0]);
    if (extra.length === 0) return undefined;
    const shown = extra.slice(0, 10).map(([value, n]) => `${value} (${n} voxels)`);
    const more = extra.length > 10 ? `, and ${extra.length - 10} more` : '';
    return `has label values that dataset.json does not declare: ${shown.join(', ')}${more}; declared: ${this.values.join(', ')}`;
  }
}

function valueCounts(values: ArrayLike<number | bigint>): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < values.length; i++) {
    const value = Number(values[i]);
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}
