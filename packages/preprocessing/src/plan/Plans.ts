import type { IntensityProperties } from '../fingerprint/DatasetFingerprint';
import type { ChannelNormalization } from '../normalize/normalizeChannel';
import type { ResamplingSettings } from '../resample/lowResAxis';
import type { Topology, TopologyRule } from '../topology/Topology';

export type ConfigurationName = '2d' | '3d_fullres';
export const CONFIGURATION_NAMES: readonly ConfigurationName[] = ['2d', '3d_fullres'];

/** One trainable configuration: everything preprocessing and the network need, human-readable in plans.json. */
export interface ConfigurationPlan {
  dim: 2 | 3;
  /** target voxel spacing in mm, array order: [D, H, W] in 3D, [H, W] in 2D (D is not resampled in 2D) */
  spacing: number[];
  /** network input size in voxels, same axis order as `spacing` */
  patchSize: number[];
  /** median training-case shape after cropping and resampling (same axes) */
  medianShape: number[];
  batchSize: number;
  /** which rule derived the topology (NVIDIA's `get_unet_params` or nnU-Net v2's `get_pool_and_conv_props`) */
  topologyRule: TopologyRule;
  topology: Topology;
  /** one entry per input channel */
  normalization: ChannelNormalization[];
  resampling: { image: ResamplingSettings; label: ResamplingSettings; probabilities: ResamplingSettings };
}

/** `plans.json`: how a dataset is preprocessed and which networks are trained on it. */
export interface Plans {
  version: 1;
  datasetName: string;
  /** `nnunet`: planned from the fingerprint; `nvidia`: the seed's per-task table for an MSD task */
  planner: 'nnunet' | 'nvidia';
  /** the MSD task number (`'01'`..`'10'`) the nvidia preset used */
  msdTask?: string;
  memoryTargetGb: number;
  channelNames: string[];
  labels: Record<string, string>;
  numTraining: number;
  foregroundIntensityPropertiesPerChannel: (IntensityProperties | null)[];
  configurations: Partial<Record<ConfigurationName, ConfigurationPlan>>;
}
