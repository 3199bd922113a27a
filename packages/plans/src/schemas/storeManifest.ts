import { z } from 'zod';
import { parseVersioned, type VersionedFormat } from '../internal/parseVersioned';
import { upgradeConfigurationV1 } from '../internal/upgradeConfigurationV1';
import { configurationNameSchema, configurationPlanSchema, execModeSchema } from './configurationPlan';
import { labelsSchema } from './plans';

export const STORE_MANIFEST_VERSION = 2;

/** `store.json`: what a preprocessed store folder holds, so a reader needs nothing else. */
export const storeManifestSchema = z.object({
  version: z.literal(STORE_MANIFEST_VERSION),
  datasetName: z.string().min(1),
  configuration: configurationNameSchema,
  mode: execModeSchema,
  channelNames: z.array(z.string()).min(1),
  labels: labelsSchema,
  plan: configurationPlanSchema,
});

export type StoreManifest = z.output<typeof storeManifestSchema>;

const storeManifestFormat: VersionedFormat<StoreManifest> = {
  kind: 'store.json',
  current: STORE_MANIFEST_VERSION,
  schema: storeManifestSchema,
  upgrades: { 1: (json) => ({ ...json, plan: upgradeConfigurationV1(json.plan) }) },
};

/** Checks the parsed JSON of a store's `store.json` (version 1 is migrated); errors name `source` and the field. */
export function parseStoreManifest(json: unknown, source: string): StoreManifest {
  return parseVersioned(storeManifestFormat, json, source).value;
}
