// Inputs that broke the plan parsers, given to their property as examples by src/schemas/plans.fuzz.test.ts.

export interface ExampleRegression {
  property: string;
  found: string;
  example: unknown[];
}

const RESAMPLING = {
  interpolation: 'nearest',
  lowResAxisInterpolation: 'nearest',
  anisotropyThreshold: 1e-6,
};

/** The shrunk store.json of the counterexample: every field at its simplest. */
const STORE_JSON = {
  version: 2,
  datasetName: ' ',
  mode: 'training',
  labels: { '0': '' },
  configuration: '3d_fullres',
  channelNames: ['channel 0'],
  plan: {
    dim: 3,
    patchSize: [1, 1, 1],
    topology: { kernels: [[1, 1, 1]], strides: [[1, 1, 1]], filters: [1] },
    spacing: [1e-6, 1e-6, 1e-6],
    medianShape: [0, 0, 0],
    batchSize: 1,
    topologyRule: 'nvidia',
    normalization: [{ scheme: 'ct', clip: [0, 0], mean: 0, std: 0 }],
    resampling: { image: RESAMPLING, label: RESAMPLING, probabilities: RESAMPLING },
  },
};

export const PLANS_REGRESSIONS: readonly ExampleRegression[] = [
  {
    property:
      'damaged plan files are parsed to a fixed point or refused with a PlanFileError naming the file',
    found:
      'a store.json whose version is nested in 5000 arrays: RangeError (stack overflow) quoting it in the message',
    example: [
      { file: 'preprocessed/3d_fullres/store.json', document: STORE_JSON },
      [{ path: [0], op: 'nest', depth: 5000 }],
    ],
  },
];
