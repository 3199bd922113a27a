// Inputs that broke dataset loading, given to their property as examples by src/loadDataset.fuzz.test.ts.
import type { DatasetCaseSpec } from './datasetArbitraries';

export interface ExampleRegression {
  property: string;
  found: string;
  example: unknown[];
}

/** The shrunk nnU-Net v2 dataset.json of the counterexample (its expected Dataset is not needed there). */
const V2_SPEC: DatasetCaseSpec = {
  json: { channel_names: { '0': '' }, labels: { ' ': 0 }, file_ending: '.nii.gz' },
  files: [],
  expected: () => {
    throw new Error('not used by this property');
  },
};

export const DATASET_REGRESSIONS: readonly ExampleRegression[] = [
  {
    property: 'dataset folders whose subfolders are files, or missing, load or are refused naming the file',
    found: "imagesTs a file, not a folder: readdir's raw ENOTDIR Error, not a DatasetError",
    example: [V2_SPEC, { imagesTr: 'folder', labelsTr: 'folder', imagesTs: 'file' }, false],
  },
];
