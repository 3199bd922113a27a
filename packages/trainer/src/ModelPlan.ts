import type { ConfigurationName, ConfigurationPlan } from '@nnunet-ts/preprocessing';

/** What a model folder carries besides the weights: enough to preprocess, predict and name classes. */
export interface ModelPlan {
  datasetName: string;
  configuration: ConfigurationName;
  plan: ConfigurationPlan;
  channelNames: string[];
  /** label value → class name, background included */
  labels: Record<string, string>;
  /** classes the network outputs (background included) */
  classes: number;
  fold: number;
}
