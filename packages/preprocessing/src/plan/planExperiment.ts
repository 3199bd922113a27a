import {
  configurationForDim,
  DEFAULT_MEMORY_TARGET_GB,
  nvidiaTopology,
  parsePlans,
  PLANS_VERSION,
  toPlanAxes,
  type ChannelNormalization,
  type ConfigurationPlan,
  type IntensityProperties,
  type Planner,
  type Plans,
} from '@nnunet-ts/plans';
import type { DatasetFingerprint } from '../fingerprint/DatasetFingerprint';
import { median } from '../internal/percentile';
import { NVIDIA_BATCH_SIZE, NVIDIA_PRESETS, type NvidiaTaskPreset } from './nvidiaPreset';
import { planLowres } from './planLowres';
import { planPatchAndBatch } from './planPatchAndBatch';
import { ANISOTROPY_THRESHOLD, targetSpacing } from './targetSpacing';

export interface PlanExperimentOptions {
  /** `nnunet` (default): plan from the fingerprint; `nvidia`: the seed's table for MSD tasks 01–10 */
  planner?: Planner;
  /** GPU memory the nnU-Net planner sizes patch and batch for (default 8, as nnU-Net v2) */
  memoryTargetGb?: number;
  /** MSD task number for the nvidia planner ('01'..'10'); required with that planner */
  msdTask?: string;
  /** `--patch-size`: 3 sizes set the 3d_fullres patch, 2 the 2d one (checked against the topology) */
  patchSize?: readonly number[];
  /** `--batch-size`: the batch of the configuration `patchSize` names, or of every one without it */
  batchSize?: number;
}

const RESAMPLING = {
  image: {
    interpolation: 'cubic',
    lowResAxisInterpolation: 'nearest',
    anisotropyThreshold: ANISOTROPY_THRESHOLD,
  },
  label: {
    interpolation: 'linear',
    lowResAxisInterpolation: 'nearest',
    anisotropyThreshold: ANISOTROPY_THRESHOLD,
  },
  probabilities: {
    interpolation: 'linear',
    lowResAxisInterpolation: 'nearest',
    anisotropyThreshold: ANISOTROPY_THRESHOLD,
  },
} as const satisfies ConfigurationPlan['resampling'];

/**
 * Plans the `3d_fullres`, `3d_lowres` (for large images) and `2d` configurations of a dataset from its fingerprint: nnU-Net v2's rules
 * (target spacing, patch and batch size under a memory budget, its topology rule), or with
 * `planner: 'nvidia'` the seed's fixed patch sizes, spacings and CT statistics with NVIDIA's topology rule.
 * A dataset of single slices gets no 3D configuration. The result is checked as plans.json is when read,
 * so a plan that could not be read back is never returned.
 */
export function planExperiment(fingerprint: DatasetFingerprint, options: PlanExperimentOptions = {}): Plans {
  const planner = options.planner ?? 'nnunet';
  const memoryTargetGb = options.memoryTargetGb ?? DEFAULT_MEMORY_TARGET_GB;
  if (!(memoryTargetGb > 0)) throw new RangeError(`memoryTargetGb must be positive, got ${memoryTargetGb}`);
  const numTraining = fingerprint.caseIds.length;
  const classes = Object.keys(fingerprint.labels).length;
  const nvidia = planner === 'nvidia' ? nvidiaPresetFor(fingerprint.datasetName, options.msdTask) : undefined;
  if (nvidia && (options.patchSize || options.batchSize)) {
    throw new Error(
      "--patch-size and --batch-size adjust the nnunet planner's plan; the nvidia planner keeps the seed's table",
    );
  }

  const fullres = nvidia
    ? nvidia.preset.spacing3d
    : targetSpacing(fingerprint.spacings, fingerprint.shapesAfterCrop);
  const resampledShapes = fingerprint.shapesAfterCrop.map((shape, n) =>
    shape.map((s, a) => Math.round((s * fingerprint.spacings[n][a]) / fullres[a])),
  );
  const medianShape = [0, 1, 2].map((a) => median(resampledShapes.map((s) => s[a])));
  const datasetVoxels = medianShape.reduce((a, b) => a * b, 1) * numTraining;
  const normalization = channelNormalization(fingerprint, planner, nvidia?.preset);

  const configure = (dim: 2 | 3): ConfigurationPlan => {
    const spacing = toPlanAxes(dim, fullres);
    const shape = toPlanAxes(dim, medianShape);
    const common = { dim, spacing, medianShape: shape, normalization, resampling: RESAMPLING };
    if (nvidia) {
      const patchSize = dim === 3 ? [...nvidia.preset.patch3d] : [...nvidia.preset.patch2d];
      const presetSpacing = dim === 3 ? [...nvidia.preset.spacing3d] : [...nvidia.preset.spacing2d];
      return {
        ...common,
        spacing: presetSpacing,
        patchSize,
        batchSize: NVIDIA_BATCH_SIZE[dim],
        topologyRule: 'nvidia',
        topology: nvidiaTopology(patchSize, presetSpacing),
      };
    }
    const overridden = options.patchSize === undefined || options.patchSize.length === dim;
    const { topology, patchSize, batchSize } = planPatchAndBatch({
      spacing,
      medianShape: shape,
      classes,
      memoryTargetGb,
      datasetVoxels,
      patchSize: overridden ? options.patchSize : undefined,
      batchSize: overridden ? options.batchSize : undefined,
    });
    return { ...common, patchSize, batchSize, topologyRule: 'nnunet', topology };
  };

  const configurations: Plans['configurations'] = {};
  if (medianShape[0] > 1) {
    const fullresPlan = configure(3);
    configurations[configurationForDim(3)] = fullresPlan;
    // the seed's table has no low-res stage
    const lowres =
      !nvidia &&
      planLowres({
        spacing: fullresPlan.spacing,
        patchSize: fullresPlan.patchSize,
        medianShape,
        numTraining,
        classes,
        memoryTargetGb,
      });
    if (lowres) {
      const { spacing, medianShape: lowresShape, topology, patchSize, batchSize } = lowres;
      configurations['3d_lowres'] = {
        ...fullresPlan,
        spacing,
        medianShape: lowresShape,
        patchSize,
        batchSize,
        topology,
      };
    }
  }
  configurations[configurationForDim(2)] = configure(2);
  if (options.patchSize?.length === 3 && !configurations['3d_fullres']) {
    throw new Error(
      `--patch-size ${options.patchSize.join(' ')}: dataset ${fingerprint.datasetName} has single slices and no 3D configuration`,
    );
  }
  const plans = {
    version: PLANS_VERSION,
    datasetName: fingerprint.datasetName,
    planner,
    ...(nvidia ? { msdTask: nvidia.task } : {}),
    memoryTargetGb,
    channelNames: [...fingerprint.channelNames],
    labels: { ...fingerprint.labels },
    numTraining,
    foregroundIntensityPropertiesPerChannel: fingerprint.foregroundIntensityPropertiesPerChannel,
    configurations,
  };
  return parsePlans(plans, `the plan made for ${fingerprint.datasetName}`).plans;
}

function nvidiaPresetFor(
  datasetName: string,
  msdTask: string | undefined,
): { task: string; preset: NvidiaTaskPreset } {
  const task = msdTask === undefined ? undefined : msdTask.padStart(2, '0');
  const preset = task === undefined ? undefined : NVIDIA_PRESETS[task];
  if (task === undefined || preset === undefined) {
    throw new Error(
      `the nvidia planner holds the seed's table for MSD tasks 01-10 only; dataset ${datasetName} ` +
        (task === undefined
          ? 'is not one of them (name its folder TaskNN_* or pass --task NN)'
          : `is task ${task}`),
    );
  }
  return { task, preset };
}

/**
 * Per channel: CT channels get the dataset's foreground statistics (or the seed's fixed ones), `noNorm`
 * none, anything else a per-image z-score, over the nonzero voxels when cropping removed a lot
 * (nnU-Net: median relative size after cropping < 3/4) or always under the nvidia planner (the seed).
 */
function channelNormalization(
  fingerprint: DatasetFingerprint,
  planner: Planner,
  nvidia: NvidiaTaskPreset | undefined,
): ChannelNormalization[] {
  const nonzeroMask = planner === 'nvidia' || fingerprint.medianRelativeSizeAfterCropping < 0.75;
  return fingerprint.channelNames.map((name, c): ChannelNormalization => {
    if (name.toLowerCase() === 'nonorm') return { scheme: 'none' };
    if (name.toUpperCase() !== 'CT') return { scheme: 'zscore', nonzeroMask };
    if (nvidia?.ct) {
      const { min, max, mean, std } = nvidia.ct;
      return { scheme: 'ct', clip: [min, max], mean, std };
    }
    const p: IntensityProperties | null = fingerprint.foregroundIntensityPropertiesPerChannel[c];
    if (!p) {
      throw new Error(
        `dataset ${fingerprint.datasetName}: channel ${c} (CT) is normalized with foreground statistics, ` +
          'but no training case has a voxel with a label above 0',
      );
    }
    return { scheme: 'ct', clip: [p.percentile00_5, p.percentile99_5], mean: p.mean, std: p.std };
  });
}
