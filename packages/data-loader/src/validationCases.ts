import type { CaseSource } from './CaseSource';
import { checkInteger } from './internal/checks';

/** One whole preprocessed case, as validation reads it. */
export interface ValidationCase {
  readonly id: string;
  /** float32 [D, H, W, C], channels-last. */
  readonly image: Float32Array;
  /** Class ids [D, H, W]. */
  readonly label: Uint8Array | Uint16Array;
  /** [D, H, W]. */
  readonly shape: readonly [number, number, number];
  readonly channels: number;
}

export interface ValidationCasesOptions {
  /** The validation cases of the fold (default: every case of the source), visited in this order. */
  readonly caseIds?: readonly string[];
  /** Data-parallel rank and world size (default 0 of 1): rank r takes cases r, r + size, r + 2·size, ... */
  readonly rank?: number;
  readonly size?: number;
}

/** Whole cases one at a time for validation, sharded by rank (each case is read when it is asked for). */
export async function* validationCases(
  source: CaseSource,
  options: ValidationCasesOptions = {},
): AsyncGenerator<ValidationCase> {
  const { rank = 0, size = 1 } = options;
  checkInteger('validationCases: size', size, 1);
  checkInteger('validationCases: rank', rank, 0, size - 1);
  const ids = options.caseIds ?? source.ids;
  for (let i = rank; i < ids.length; i += size) {
    const { image, label, shape, channels } = await source.read(ids[i]);
    yield { id: ids[i], image, label, shape, channels };
  }
}
