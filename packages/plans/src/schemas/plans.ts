import { z } from 'zod';
import { isObject, upgradeConfigurationV1 } from '../internal/upgradeConfigurationV1';
import { parseVersioned, type VersionedFormat } from '../internal/parseVersioned';
import { PlanFileError } from '../PlanFileError';
import { plannerSchema } from '../plannerOptions';
import {
  configurationNameSchema,
  configurationPlanSchema,
  type ConfigurationName,
  type ConfigurationPlan,
} from './configurationPlan';
import { intensityPropertiesSchema } from './intensityProperties';

/** The version `nnunet plan` writes. */
export const PLANS_VERSION = 2;

/** label value → class name, background ("0") included */
export const labelsSchema = z.record(z.string().regex(/^\d+$/, 'label values are integers'), z.string());

/** `plans.json`: how a dataset is preprocessed and which networks are trained on it. */
export const plansSchema = z
  .object({
    version: z.literal(PLANS_VERSION),
    datasetName: z.string().min(1),
    /** `nnunet`: planned from the fingerprint; `nvidia`: the seed's per-task table for an MSD task */
    planner: plannerSchema,
    /** the MSD task number (`'01'`..`'10'`) the nvidia planner used */
    msdTask: z.string().optional(),
    memoryTargetGb: z.number().positive(),
    channelNames: z.array(z.string()).min(1),
    labels: labelsSchema,
    numTraining: z.int().nonnegative(),
    foregroundIntensityPropertiesPerChannel: z.array(intensityPropertiesSchema.nullable()),
    configurations: z.partialRecord(configurationNameSchema, configurationPlanSchema),
  })
  .superRefine((plans, ctx) => {
    const channels = plans.channelNames.length;
    if (plans.foregroundIntensityPropertiesPerChannel.length !== channels) {
      ctx.addIssue({
        code: 'custom',
        path: ['foregroundIntensityPropertiesPerChannel'],
        message: `needs one entry per channel (${channels}), got ${plans.foregroundIntensityPropertiesPerChannel.length}`,
      });
    }
    for (const [name, configuration] of Object.entries(plans.configurations)) {
      const dim = name === '2d' ? 2 : 3;
      if (configuration.dim !== dim) {
        ctx.addIssue({
          code: 'custom',
          path: ['configurations', name, 'dim'],
          message: `the ${name} configuration is ${dim}D, got dim ${configuration.dim}`,
        });
      }
      if (configuration.normalization.length !== channels) {
        ctx.addIssue({
          code: 'custom',
          path: ['configurations', name, 'normalization'],
          message: `needs one entry per channel of channelNames (${channels}), got ${configuration.normalization.length}`,
        });
      }
    }
  });

export type Plans = z.output<typeof plansSchema>;

const plansFormat: VersionedFormat<Plans> = {
  kind: 'plans.json',
  current: PLANS_VERSION,
  schema: plansSchema,
  upgrades: {
    1: (json) => ({
      ...json,
      configurations: isObject(json.configurations)
        ? Object.fromEntries(
            Object.entries(json.configurations).map(([name, c]) => [name, upgradeConfigurationV1(c)]),
          )
        : json.configurations,
    }),
  },
};

/** A checked plans.json, and the older version it was migrated from in memory, if it was one. */
export interface ParsedPlans {
  plans: Plans;
  migratedFrom?: number;
}

/**
 * Checks the parsed JSON of a plans.json (`source` names it in errors); a version-1 file is migrated
 * in memory. Throws a PlanFileError naming the file and the field.
 */
export function parsePlans(json: unknown, source: string): ParsedPlans {
  const { value, migratedFrom } = parseVersioned(plansFormat, json, source);
  return { plans: value, ...(migratedFrom === undefined ? {} : { migratedFrom }) };
}

/** The plan of one configuration, or a PlanFileError naming the file and the configurations it has. */
export function configurationOf(
  plans: Plans,
  configuration: ConfigurationName,
  source: string,
): ConfigurationPlan {
  const plan = plans.configurations[configuration];
  if (plan) return plan;
  const available = Object.keys(plans.configurations);
  throw new PlanFileError(source, [
    `configurations.${configuration}: missing (this plan has ${available.length ? available.join(', ') : 'none'})`,
  ]);
}
