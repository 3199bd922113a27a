import { z } from 'zod';
import { parseVersioned, type VersionedFormat } from '../internal/parseVersioned';
import { upgradeConfigurationV1 } from '../internal/upgradeConfigurationV1';
import { configurationNameSchema, configurationPlanSchema } from './configurationPlan';
import { labelsSchema } from './plans';

export const MODEL_PLAN_VERSION = 2;

/**
 * What a model folder carries besides the weights (inside `model.json`): enough to preprocess, predict
 * and name classes, in Node and in a web page.
 */
export const modelPlanSchema = z
  .object({
    version: z.literal(MODEL_PLAN_VERSION),
    datasetName: z.string().min(1),
    configuration: configurationNameSchema,
    plan: configurationPlanSchema,
    channelNames: z.array(z.string()).min(1),
    /** label value → class name, background included */
    labels: labelsSchema,
    /** classes the network outputs, background included: class c is the c-th smallest value of `labels` */
    classes: z.int().min(2).max(256),
    /** the cross-validation fold it was trained on, or `all` (every case, no validation, as v2's `-f all`) */
    fold: z.union([z.int().nonnegative(), z.literal('all')]),
  })
  .superRefine((model, ctx) => {
    if (model.plan.normalization.length !== model.channelNames.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['plan', 'normalization'],
        message: `needs one entry per channel of channelNames (${model.channelNames.length}), got ${model.plan.normalization.length}`,
      });
    }
  });

export type ModelPlan = z.output<typeof modelPlanSchema>;

const modelPlanFormat: VersionedFormat<ModelPlan> = {
  kind: 'model plan',
  current: MODEL_PLAN_VERSION,
  schema: modelPlanSchema,
  // the first model folders had no version field
  unversioned: 1,
  upgrades: { 1: (json) => ({ ...json, plan: upgradeConfigurationV1(json.plan) }) },
};

/** Checks a model's plan (version 1 is migrated); errors name `source` (the model.json) and the field. */
export function parseModelPlan(json: unknown, source: string): ModelPlan {
  return parseVersioned(modelPlanFormat, json, source).value;
}
