/** `msd`: Medical Segmentation Decathlon / nnU-Net v1 `dataset.json`; `nnunet-v2`: nnU-Net v2 layout. */
export type DatasetLayout = 'msd' | 'nnunet-v2';

/** One case of a dataset; every path is absolute. */
export interface DatasetCase {
  id: string;
  /** MSD: one (possibly 4D) image file; nnU-Net v2: one file per channel (`_0000`, `_0001`, ...). */
  images: string[];
  /** The label map; absent for test cases. */
  label?: string;
}

/** A dataset folder as its `dataset.json` describes it. */
export interface Dataset {
  /** Absolute path of the folder that holds `dataset.json`. */
  root: string;
  name: string;
  layout: DatasetLayout;
  /** Modality (MSD) or channel name (v2) of each input channel, e.g. `['CT']` or `['FLAIR', 'T1w']`. */
  channelNames: string[];
  /** Label value → name, background 0 included. */
  labels: Map<number, string>;
  /** The image file ending, e.g. `.nii.gz`. */
  fileEnding: string;
  training: DatasetCase[];
  test: DatasetCase[];
  /** `numTraining` as `dataset.json` declares it, when it does. */
  numTraining?: number;
}
