import type { IntensityProperties } from '@nnunet-ts/plans';

/**
 * `dataset_fingerprint.json`: what planning needs to know about a dataset (nnU-Net v2's fingerprint, with
 * camelCase keys). Spacings and shapes are in array order [D, H, W] (D = last NIfTI axis).
 */
export interface DatasetFingerprint {
  version: 1;
  datasetName: string;
  channelNames: string[];
  /** label value → name, background included */
  labels: Record<string, string>;
  caseIds: string[];
  spacings: [number, number, number][];
  shapesAfterCrop: [number, number, number][];
  /** median over cases of voxels after crop / voxels before */
  medianRelativeSizeAfterCropping: number;
  foregroundIntensityPropertiesPerChannel: (IntensityProperties | null)[];
  /** foreground intensities the statistics were computed from, per channel */
  foregroundSamplesPerChannel: number[];
}
