import type { Shape3 } from '@nnunet-ts/augment';

/** A box of a case over [D, H, W]: [start, start + size); it may reach outside the case. */
export interface Region {
  readonly start: readonly [number, number, number];
  readonly size: Shape3;
}

/** The geometry of a stored case: `shape` is [D, H, W]; the image has `channels` values per voxel. */
export interface CaseHeader {
  readonly shape: Shape3;
  readonly channels: number;
}

/**
 * A case (or a region of one) on typed arrays, channels-last: `image` is float32 [D, H, W, C] and `label`
 * holds class ids [D, H, W], as the preprocessed store keeps them.
 */
export interface CaseArrays extends CaseHeader {
  readonly image: Float32Array;
  readonly label: Uint8Array | Uint16Array;
}

/**
 * How a worker process opens the same source: it imports `module` (a file URL or a package name),
 * calls its export `factory` with `args` (sent by structured clone) and awaits the result.
 */
export interface SourceRecipe {
  readonly module: string;
  readonly factory: string;
  readonly args: readonly unknown[];
}

/**
 * Where the loader reads preprocessed cases from: the preprocessed store (`openStoreSource`), cases in
 * memory (`memorySource`) or anything else that can list, describe and read cases.
 */
export interface CaseSource {
  /** The case ids, in a fixed order (the loader shuffles them itself). */
  readonly ids: readonly string[];
  header(id: string): Promise<CaseHeader>;
  /**
   * The whole case, or only `region` of it; the parts of a region outside the case are 0 in the image
   * and background (0) in the label.
   */
  read(id: string, region?: Region): Promise<CaseArrays>;
  /** The whole label [D, H, W] (the foreground-biased crop finds the case's objects in it). */
  readLabel(id: string): Promise<Uint8Array | Uint16Array>;
  /** How worker processes reopen this source; without it the loader can only run in-process. */
  readonly recipe?: SourceRecipe;
}
