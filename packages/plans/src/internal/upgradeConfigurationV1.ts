/**
 * A version-1 configuration plan as version 2 has it: version 1 stored the patch size twice, as
 * `patchSize` and `topology.patchSize`; the configuration's own `patchSize` (the one training used)
 * stays. Anything malformed is passed on as it is, for the schema to name.
 */
export function upgradeConfigurationV1(configuration: unknown): unknown {
  if (!isObject(configuration) || !isObject(configuration.topology)) return configuration;
  const topology = { ...configuration.topology };
  delete topology.patchSize;
  return { ...configuration, topology };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
