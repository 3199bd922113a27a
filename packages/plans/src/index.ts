// @nnunet-ts/plans: the checked plan. zod schemas of plans.json, a store's store.json and a model's
// plan (versioned, older versions migrated in memory), errors naming the file and the field, and the
// U-Net topology rules every package imports. Browser-safe: no Node APIs.

// the files and their readers
export {
  parsePlans,
  configurationOf,
  plansSchema,
  labelsSchema,
  PLANS_VERSION,
  type Plans,
  type ParsedPlans,
} from './schemas/plans';
export {
  parseStoreManifest,
  storeManifestSchema,
  STORE_MANIFEST_VERSION,
  type StoreManifest,
} from './schemas/storeManifest';
export { parseModelPlan, modelPlanSchema, MODEL_PLAN_VERSION, type ModelPlan } from './schemas/modelPlan';
export { PlanFileError } from './PlanFileError';
export { describeZodIssues, fieldPath } from './describeZodIssues';

// their parts
export {
  configurationPlanSchema,
  configurationNameSchema,
  configurationForDim,
  execModeSchema,
  CONFIGURATION_NAMES,
  type ConfigurationPlan,
  type ConfigurationName,
  type ExecMode,
} from './schemas/configurationPlan';
export { channelNormalizationSchema, type ChannelNormalization } from './schemas/channelNormalization';
export {
  resamplingSettingsSchema,
  interpolationSchema,
  INTERPOLATIONS,
  type ResamplingSettings,
  type Interpolation,
} from './schemas/resamplingSettings';
export { intensityPropertiesSchema, type IntensityProperties } from './schemas/intensityProperties';
export { plannerOptions, plannerSchema, DEFAULT_MEMORY_TARGET_GB, type Planner } from './plannerOptions';

// the topology rules
export {
  topologySchema,
  topologyRuleSchema,
  networkClassNameSchema,
  networkClassOf,
  type Topology,
  type TopologyRule,
  type NetworkClassName,
  type ResidualEncoderTopology,
} from './topology/Topology';
export { residualEncoderTopology, resEncBlocksPerStage } from './topology/residualEncoderTopology';
export { nnunetTopology, type NnunetTopologyOptions, type PlannedTopology } from './topology/nnunetTopology';
export { nvidiaTopology, type NvidiaTopologyOptions } from './topology/nvidiaTopology';
export { stageFilters, BASE_FILTERS, MAX_FILTERS } from './topology/stageFilters';
export { totalStrides, patchStrideProblem } from './topology/totalStrides';
export { toPlanAxes, toVolumeAxes } from './planAxes';
export { preprocessingKey } from './preprocessingKey';
