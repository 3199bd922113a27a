/**
 * One training batch on typed arrays, laid out for channels-last tensors: `image` is float32
 * [...shape, channels] and `label` holds the class ids [...shape]. `shape` is [B, D, H, W] for a 3D patch
 * and [B, H, W] for 2D (B slices made of `nvol` slabs of consecutive slices).
 */
export interface Batch {
  readonly image: Float32Array;
  readonly label: Uint8Array;
  readonly shape: readonly number[];
  readonly channels: number;
  /** The case of each of the B items (in 2D, one entry per slice). */
  readonly caseIds: readonly string[];
  readonly epoch: number;
  /** The index of the batch in its epoch. */
  readonly step: number;
}
