import type { Mat4 } from '@nnunet-ts/volume';
import type { ConfigurationPlan, ExecMode } from '@nnunet-ts/plans';

type Triple = [number, number, number];

/**
 * `{id}.json` of a preprocessed case: everything needed to map a prediction back onto the original image.
 * `original` is in NIfTI order [i, j, k]; every other shape, box and spacing is in array order [D, H, W]
 * (D = NIfTI k), the order of the stored arrays.
 */
export interface CaseMetadata {
  id: string;
  configuration: string;
  mode: ExecMode;
  /** hash of the configuration plan the case was made with; a re-run redoes cases whose hash differs */
  planHash: string;
  source: { images: string[]; label?: string };
  original: { shape: Triple; spacing: Triple; affine: Mat4; orientation: [string, string, string] };
  /** the nonzero box the case was cropped to, end exclusive */
  crop: { start: Triple; end: Triple };
  shapeBeforeResampling: Triple;
  spacingBeforeResampling: Triple;
  shapeAfterResampling: Triple;
  /** spacing of the stored arrays (in 2D configurations D keeps its original spacing) */
  spacing: Triple;
  /** zeros added around the resampled case (training mode pads to at least the patch size) */
  pad: { before: Triple; after: Triple };
  /** shape of the stored arrays: `{id}_x.npy` is [...shape, channels], `{id}_y.npy` is shape */
  shape: Triple;
  channels: number;
  /** of the stored classes (`LabelMap.classDtype`): uint8 up to 256 classes */
  labelDtype?: 'uint8' | 'uint16';
  /** foreground classes (not label values) present in the stored label */
  labelsPresent: number[];
  /** sampled voxels [d, h, w] per foreground class (keys are classes), for foreground oversampling */
  classLocations: Record<string, Triple[]>;
  /** how the case was resampled, so that predictions are resampled back the same way */
  resampling: ConfigurationPlan['resampling'];
}
