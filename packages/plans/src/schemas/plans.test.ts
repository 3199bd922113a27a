/* eslint-disable @typescript-eslint/no-explicit-any -- the tests edit plan files into any shape, as a user's hand can */
import { describe, expect, it } from 'vitest';
import { PlanFileError } from '../PlanFileError';
import { networkClassOf } from '../topology/Topology';
import { residualEncoderTopology } from '../topology/residualEncoderTopology';
import { configurationOf, parsePlans, PLANS_VERSION } from './plans';

const FILE = 'results/Task04_Hippocampus/plans.json';

const resampling = {
  image: { interpolation: 'cubic', lowResAxisInterpolation: 'nearest', anisotropyThreshold: 3 },
  label: { interpolation: 'linear', lowResAxisInterpolation: 'nearest', anisotropyThreshold: 3 },
  probabilities: { interpolation: 'linear', lowResAxisInterpolation: 'nearest', anisotropyThreshold: 3 },
};

/** A plans.json as version 1 wrote it: the patch size also inside the topology. */
function version1(): Record<string, any> {
  return {
    version: 1,
    datasetName: 'Hippocampus',
    planner: 'nnunet',
    memoryTargetGb: 8,
    channelNames: ['MRI'],
    labels: { '0': 'background', '1': 'Anterior', '2': 'Posterior' },
    numTraining: 4,
    foregroundIntensityPropertiesPerChannel: [null],
    configurations: {
      '3d_fullres': {
        dim: 3,
        spacing: [1, 1, 1],
        patchSize: [40, 56, 40],
        medianShape: [36, 50, 35],
        batchSize: 9,
        topologyRule: 'nnunet',
        topology: {
          kernels: [
            [3, 3, 3],
            [3, 3, 3],
            [3, 3, 3],
            [3, 3, 3],
          ],
          strides: [
            [1, 1, 1],
            [2, 2, 2],
            [2, 2, 2],
            [1, 2, 1],
          ],
          filters: [32, 64, 128, 256],
          patchSize: [40, 56, 40],
        },
        normalization: [{ scheme: 'zscore', nonzeroMask: false }],
        resampling,
      },
      '2d': {
        dim: 2,
        spacing: [1, 1],
        patchSize: [56, 40],
        medianShape: [50, 35],
        batchSize: 366,
        topologyRule: 'nnunet',
        topology: {
          kernels: [
            [3, 3],
            [3, 3],
            [3, 3],
            [3, 3],
          ],
          strides: [
            [1, 1],
            [2, 2],
            [2, 2],
            [2, 2],
          ],
          filters: [32, 64, 128, 256],
          patchSize: [56, 40],
        },
        normalization: [{ scheme: 'zscore', nonzeroMask: false }],
        resampling,
      },
    },
  };
}

function version2(): Record<string, any> {
  const json = version1();
  json.version = 2;
  for (const c of Object.values(json.configurations) as any[]) delete c.topology.patchSize;
  return json;
}

/** The message of the error `parsePlans` throws on `json`. */
function problemOf(json: unknown): string {
  try {
    parsePlans(json, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(PlanFileError);
    expect((error as PlanFileError).file).toBe(FILE);
    return (error as Error).message;
  }
  throw new Error('parsePlans accepted it');
}

describe('parsePlans', () => {
  it('reads a version-2 plans.json as it is', () => {
    const { plans, migratedFrom } = parsePlans(version2(), FILE);
    expect(migratedFrom).toBeUndefined();
    expect(plans).toEqual(version2());
  });

  it('migrates a version-1 plans.json in memory: the patch size is kept once, outside the topology', () => {
    const { plans, migratedFrom } = parsePlans(version1(), FILE);
    expect(migratedFrom).toBe(1);
    expect(plans.version).toBe(PLANS_VERSION);
    expect(plans).toEqual(version2());
    expect(plans.configurations['3d_fullres']!.patchSize).toEqual([40, 56, 40]);
    expect(plans.configurations['3d_fullres']!.topology).not.toHaveProperty('patchSize');
  });

  it('names the file and the field of a missing field', () => {
    const json = version2();
    delete json.configurations['3d_fullres'].batchSize;
    expect(problemOf(json)).toMatch(
      new RegExp(`^${FILE}: configurations\\.3d_fullres\\.batchSize: .*expected number`),
    );
  });

  it('names the field of a value of the wrong type', () => {
    const json = version2();
    json.configurations['2d'].spacing = ['1', 1];
    expect(problemOf(json)).toMatch(
      /^.*plans\.json: configurations\.2d\.spacing\[0\]: .*expected number, received string/,
    );
  });

  it('refuses a patch that the strides do not divide, saying what it must be a multiple of', () => {
    const json = version2();
    json.configurations['3d_fullres'].patchSize = [40, 50, 40];
    expect(problemOf(json)).toBe(
      `${FILE}: configurations.3d_fullres.patchSize: patch size 50 on axis 1 is not divisible by the ` +
        "network's total stride 8 there; use a multiple of 8",
    );
  });

  it('refuses unknown and missing versions, naming the versions it reads', () => {
    expect(problemOf({ ...version2(), version: 7 })).toBe(
      `${FILE}: version: unknown plans.json version 7; this nnunet-ts reads versions 1, 2`,
    );
    const { version: _, ...unversioned } = version2();
    expect(problemOf(unversioned)).toMatch(/version: missing/);
    expect(problemOf([])).toMatch(/expected a JSON object \(plans\.json\), got an array/);
  });

  it('checks the parts against each other: axes per dimension, stages, channels', () => {
    const wrongAxes = version2();
    wrongAxes.configurations['3d_fullres'].spacing = [1, 1];
    expect(problemOf(wrongAxes)).toMatch(/configurations\.3d_fullres\.spacing: needs 3 values, one per axis/);

    const stages = version2();
    stages.configurations['2d'].topology.filters.pop();
    expect(problemOf(stages)).toMatch(
      /configurations\.2d\.topology: kernels, strides and filters need one entry per stage, got 4, 4 and 3/,
    );

    const firstStride = version2();
    firstStride.configurations['2d'].topology.strides[0] = [2, 2];
    expect(problemOf(firstStride)).toMatch(
      /configurations\.2d\.topology\.strides\[0\]: the first stage works at full resolution/,
    );

    const channels = version2();
    channels.channelNames = ['T1', 'T2'];
    expect(problemOf(channels)).toMatch(
      /foregroundIntensityPropertiesPerChannel: needs one entry per channel \(2\), got 1/,
    );
    expect(problemOf(channels)).toMatch(
      /configurations\.3d_fullres\.normalization: needs one entry per channel/,
    );

    const swapped = version2();
    swapped.configurations['2d'] = swapped.configurations['3d_fullres'];
    expect(problemOf(swapped)).toMatch(/configurations\.2d\.dim: the 2d configuration is 2D, got dim 3/);
  });

  it('lists a few problems after the first, then how many more', () => {
    const json = version2();
    json.configurations['2d'] = { dim: 2 };
    const lines = problemOf(json).split('\n');
    expect(lines[0]).toBe(
      `${FILE}: configurations.2d.spacing: Invalid input: expected array, received undefined`,
    );
    expect(lines.slice(1, 5).every((line) => line.startsWith('  also configurations.2d.'))).toBe(true);
    expect(lines[5]).toBe('  and 3 more');
  });

  it('names an unknown normalization scheme and configuration', () => {
    const scheme = version2();
    scheme.configurations['2d'].normalization = [{ scheme: 'minmax' }];
    expect(problemOf(scheme)).toMatch(/configurations\.2d\.normalization\[0\]\.scheme: /);
    const name = version2();
    name.configurations['3d_midres'] = name.configurations['3d_fullres'];
    expect(problemOf(name)).toMatch(/configurations: Unrecognized key: "3d_midres"/);
  });
});

describe('the network of a configuration', () => {
  /** version2() with the ResEnc presets' network on its 3d_fullres stages */
  function withResEnc(): Record<string, any> {
    const json = version2();
    const c = json.configurations['3d_fullres'];
    c.topology = residualEncoderTopology(c.topology);
    return json;
  }

  it('is the plain U-Net where a plan names none, as every plan written before ResEnc', () => {
    const { plans, migratedFrom } = parsePlans(version2(), FILE);
    expect(migratedFrom).toBeUndefined();
    expect(plans.configurations['3d_fullres']!.topology).not.toHaveProperty('networkClassName');
    expect(networkClassOf(plans.configurations['3d_fullres']!.topology)).toBe('PlainConvUNet');
    expect(networkClassOf(parsePlans(version1(), FILE).plans.configurations['2d']!.topology)).toBe(
      'PlainConvUNet',
    );
    const explicit = version2();
    explicit.configurations['2d'].topology.networkClassName = 'PlainConvUNet';
    expect(parsePlans(explicit, FILE).plans).toEqual(explicit);
  });

  it('reads a ResidualEncoderUNet with its blocks per encoder stage and conv blocks per decoder stage', () => {
    const { plans } = parsePlans(withResEnc(), FILE);
    expect(plans.configurations['3d_fullres']!.topology).toEqual({
      kernels: version2().configurations['3d_fullres'].topology.kernels,
      strides: version2().configurations['3d_fullres'].topology.strides,
      filters: [32, 64, 128, 256],
      networkClassName: 'ResidualEncoderUNet',
      nBlocksPerStage: [1, 3, 4, 6],
      nConvPerStageDecoder: [1, 1, 1],
    });
    expect(plans.configurations['2d']!.topology.networkClassName).toBeUndefined();
  });

  it('refuses block counts of the wrong length, without a class name, or an unknown class', () => {
    const blocks = withResEnc();
    blocks.configurations['3d_fullres'].topology.nBlocksPerStage = [1, 3, 4];
    expect(problemOf(blocks)).toBe(
      `${FILE}: configurations.3d_fullres.topology.nBlocksPerStage: needs one entry per stage (4), got 3`,
    );
    const decoder = withResEnc();
    decoder.configurations['3d_fullres'].topology.nConvPerStageDecoder = [1, 1, 1, 1];
    expect(problemOf(decoder)).toBe(
      `${FILE}: configurations.3d_fullres.topology.nConvPerStageDecoder: needs one entry per decoder stage (3, one fewer than the stages), got 4`,
    );
    const missing = withResEnc();
    delete missing.configurations['3d_fullres'].topology.nConvPerStageDecoder;
    expect(problemOf(missing)).toMatch(
      /^.*: configurations\.3d_fullres\.topology\.nConvPerStageDecoder: .*expected array, received undefined$/,
    );
    const unnamed = withResEnc();
    delete unnamed.configurations['3d_fullres'].topology.networkClassName;
    expect(problemOf(unnamed)).toMatch(
      /configurations\.3d_fullres\.topology\.nBlocksPerStage: only a ResidualEncoderUNet has nBlocksPerStage; set networkClassName to ResidualEncoderUNet/,
    );
    const unknown = withResEnc();
    unknown.configurations['3d_fullres'].topology.networkClassName = 'ResidualUNet';
    expect(problemOf(unknown)).toBe(
      `${FILE}: configurations.3d_fullres.topology.networkClassName: expected PlainConvUNet (the default) or ResidualEncoderUNet`,
    );
  });
});

describe('configurationOf', () => {
  it('returns the plan of a configuration, or names the file and the configurations there are', () => {
    const { plans } = parsePlans(version2(), FILE);
    expect(configurationOf(plans, '2d', FILE).patchSize).toEqual([56, 40]);
    delete plans.configurations['3d_fullres'];
    expect(() => configurationOf(plans, '3d_fullres', FILE)).toThrow(
      `${FILE}: configurations.3d_fullres: missing (this plan has 2d)`,
    );
  });
});
