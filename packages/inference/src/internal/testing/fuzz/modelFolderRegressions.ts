// Inputs that broke model-folder loading, given to their property as examples by src/modelFolder.fuzz.test.ts.
// Edits address the template folder of modelFolderFuzz (the first smallModel of seed 1): paths are key
// indices in its model.json, e.g. [1, 1, 1, 3, 0, 0, 0] is modelTopology.config.layers[1].inbound_nodes[0][0][0].

export interface ExampleRegression {
  property: string;
  found: string;
  example: unknown[];
}

const DAMAGED = 'damaged model.json documents load with a checked plan, or are refused naming the folder';

export const MODEL_FOLDER_REGRESSIONS: readonly ExampleRegression[] = [
  {
    property: DAMAGED,
    found: "a layer taking its input from a layer model.json does not define: tfjs's loader looped forever",
    example: [['modelTopology'], [{ path: [1, 1, 1, 3, 0, 0, 0], op: 'replace', value: 'no_such_layer' }]],
  },
  {
    property: DAMAGED,
    found:
      "a layer call's inputs deleted (a call without inputs makes no node): the layers after it waited forever",
    example: [['modelTopology'], [{ path: [1, 1, 4, 3, 0, 0], op: 'delete' }]],
  },
  {
    property: DAMAGED,
    found:
      "a layer's name nested in 5000 arrays: checkModelJson's own message overflowed the stack quoting it",
    example: [
      ['modelTopology'],
      [
        { path: [744971761, 637119605, 0, 0], op: 'nest', depth: 5000 },
        { path: [], op: 'addKey', key: '__proto__', value: [] },
      ],
    ],
  },
  {
    property: DAMAGED,
    found: 'modelTopology nested in 5000 arrays: a RangeError (stack overflow) from tfjs, naming no file',
    example: [[], [{ path: [0], op: 'nest', depth: 5000 }]],
  },
  {
    property: DAMAGED,
    found: 'the plan nested in 5000 arrays: a RangeError from tfjs writing the metadata, naming no file',
    example: [['userDefinedMetadata', 'nnunetTs', 'plan'], [{ path: [], op: 'nest', depth: 5000 }]],
  },
  {
    property: 'layer and weight sizes set to extreme values are refused without allocating by them',
    found:
      'filters of 1e8 on the first convolution: tfjs allocated 21 GB of zeros before comparing the weights',
    example: [[[5, 1e8]]],
  },
];
