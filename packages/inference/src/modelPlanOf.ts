import { parseModelPlan, PlanFileError, type ModelPlan } from '@nnunet-ts/plans';
import type { tf } from '@nnunet-ts/tf-backend';

/**
 * The checked plan a model carries (`model.json`'s `userDefinedMetadata.nnunetTs.plan`, written by
 * `saveModelFolder`), refused when the network disagrees with it (input channels, output classes).
 * `source` names the model file in errors, which name the field too.
 */
export function modelPlanOf(model: tf.LayersModel, source: string): ModelPlan {
  const metadata = model.getUserDefinedMetadata() as { nnunetTs?: { plan?: unknown } } | undefined;
  if (metadata?.nnunetTs?.plan === undefined) {
    throw new PlanFileError(source, [
      'userDefinedMetadata.nnunetTs.plan: missing; was the model exported by nnunet train?',
    ]);
  }
  const plan = parseModelPlan(metadata.nnunetTs.plan, source);
  const inChannels = model.inputs[0]!.shape.at(-1);
  const classes = model.outputs[0]!.shape.at(-1);
  if (inChannels !== plan.channelNames.length) {
    throw new PlanFileError(source, [
      `channelNames: the plan has ${plan.channelNames.length} channel(s), the network takes ${inChannels}`,
    ]);
  }
  if (classes !== plan.classes) {
    throw new PlanFileError(source, [
      `classes: the plan says ${plan.classes}, the network outputs ${classes}`,
    ]);
  }
  return plan;
}
