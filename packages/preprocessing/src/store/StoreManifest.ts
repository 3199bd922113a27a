import type { ExecMode } from '../case/CaseMetadata';
import type { ConfigurationPlan } from '../plan/Plans';

/** `store.json`: what a store folder holds, so a reader needs nothing else. */
export interface StoreManifest {
  version: 1;
  datasetName: string;
  configuration: string;
  mode: ExecMode;
  channelNames: string[];
  labels: Record<string, string>;
  plan: ConfigurationPlan;
}
