import { LabelMap } from '@nnunet-ts/datasets';
import {
  preprocessingKey,
  type ConfigurationName,
  type ConfigurationPlan,
  type ModelPlan,
} from '@nnunet-ts/plans';
import {
  slidingWindowInference,
  tfjsWindowPredictor,
  type SlidingWindowOptions,
  type WindowPredictor,
} from '@nnunet-ts/sliding-window';
import type { tf } from '@nnunet-ts/tf-backend';
import { modelPlanOf } from './modelPlanOf';
import { softmaxInPlace } from './internal/softmaxInPlace';

/** How the sliding windows of a prediction run (as `slidingWindowInference` takes them). */
export type InferenceOptions = Pick<SlidingWindowOptions, 'overlap' | 'blend' | 'tta' | 'batchSize'>;

/** A network and its checked plan; `source` names it in errors. */
export interface EnsembleMember {
  readonly plan: ModelPlan;
  readonly source: string;
  /** logits of windows of `plan.plan.patchSize` (channels-last) */
  readonly predict: WindowPredictor;
  dispose(): void;
}

/**
 * A loaded tfjs model as an ensemble member, its plan read from the model (`modelPlanOf`; `source`
 * names the model file in errors). The member owns the model from here on.
 */
export function tfjsEnsembleMember(model: tf.LayersModel, source: string): EnsembleMember {
  const plan = modelPlanOf(model, source);
  return {
    plan,
    source,
    predict: tfjsWindowPredictor(model, plan.plan.patchSize, plan.channelNames.length),
    dispose: () => model.dispose(),
  };
}

/** Members whose plans preprocess alike (`preprocessingKey`): one network input per case serves them all. */
export interface PreprocessingGroup {
  /** the first member's configuration plan: what the case is preprocessed with */
  readonly plan: ConfigurationPlan;
  readonly configuration: ConfigurationName;
  readonly members: readonly EnsembleMember[];
}

/**
 * Models predicting together. Models of one preprocessing (the folds of a configuration) average
 * their softmax in preprocessed space; groups of different preprocessing (configurations such as 2d
 * and 3d_fullres) are averaged on the original grid, each group weighing the same, as nnU-Net v2's
 * ensembling does.
 */
export interface ModelEnsemble {
  /** the first member's plan: classes, labels and channels are the same for all */
  readonly plan: ModelPlan;
  /** the plan's labels: class c of the outputs is label value `labelMap.values[c]` */
  readonly labelMap: LabelMap;
  readonly groups: readonly PreprocessingGroup[];
  /**
   * Softmax probabilities of a case preprocessed with `group.plan`, channels-last
   * `[...shape, classes]`, averaged over the group's models; `image` is channels-last `[...shape, channels]`.
   */
  probabilities(
    group: PreprocessingGroup,
    image: Float32Array,
    shape: readonly number[],
    onWindows?: (done: number, total: number) => void,
  ): Promise<Float32Array>;
  dispose(): void;
}

/**
 * An ensemble of loaded models (in Node `loadModelEnsemble` loads folders). Models that output other
 * classes, name labels differently or take other channels than the first are refused; the ensemble
 * owns the models from here on (`dispose`).
 */
export function createModelEnsemble(
  members: readonly EnsembleMember[],
  inference: InferenceOptions = {},
): ModelEnsemble {
  const first = members[0];
  if (!first) throw new Error('prediction needs at least one model');
  const different = members.find(
    ({ plan }) =>
      plan.classes !== first.plan.classes ||
      JSON.stringify(plan.labels) !== JSON.stringify(first.plan.labels) ||
      plan.channelNames.join('\0') !== first.plan.channelNames.join('\0'),
  );
  if (different) {
    for (const member of members) member.dispose();
    throw new Error(
      `${different.source} and ${first.source} cannot be ensembled: their classes, labels or channels differ`,
    );
  }
  let labelMap: LabelMap;
  try {
    labelMap = new LabelMap(first.plan.labels);
    if (labelMap.classes !== first.plan.classes) {
      throw new RangeError(`${labelMap.classes} label values for ${first.plan.classes} classes`);
    }
  } catch (error) {
    for (const member of members) member.dispose();
    throw new Error(`${first.source}: labels: ${(error as Error).message}`, { cause: error });
  }
  const groups = new Map<
    string,
    { plan: ConfigurationPlan; configuration: ConfigurationName; members: EnsembleMember[] }
  >();
  for (const member of members) {
    const key = preprocessingKey(member.plan.plan);
    const group = groups.get(key);
    if (group) group.members.push(member);
    else
      groups.set(key, {
        plan: member.plan.plan,
        configuration: member.plan.configuration,
        members: [member],
      });
  }
  const classes = first.plan.classes;
  const channels = first.plan.channelNames.length;
  return {
    plan: first.plan,
    labelMap,
    groups: [...groups.values()],
    async probabilities(group, image, shape, onWindows) {
      const mean = new Float32Array((image.length / channels) * classes);
      for (const { predict, plan } of group.members) {
        // each model tiles the shared input with its own patch
        const { patchSize } = plan.plan;
        const logits = await slidingWindowInference(image, shape, predict, {
          ...inference,
          patchSize,
          inChannels: channels,
          outChannels: classes,
          onProgress: onWindows,
        });
        softmaxInPlace(logits, classes);
        for (let i = 0; i < logits.length; i++) mean[i]! += logits[i]! / group.members.length;
      }
      return mean;
    },
    dispose() {
      for (const member of members) member.dispose();
    },
  };
}
