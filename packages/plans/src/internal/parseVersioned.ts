import type { z } from 'zod';
import { describeZodIssues } from '../describeZodIssues';
import { PlanFileError } from '../PlanFileError';

type JsonObject = Record<string, unknown>;

/** A versioned JSON format: its schema at the current version and how older versions are brought up. */
export interface VersionedFormat<T> {
  /** what the file is, in messages ("plans.json") */
  readonly kind: string;
  readonly current: number;
  readonly schema: z.ZodType<T>;
  /** per older version, the step that turns its JSON into the next version's */
  readonly upgrades: Readonly<Record<number, (json: JsonObject) => JsonObject>>;
  /** the version of files written before the format had a `version` field, if there were such files */
  readonly unversioned?: number;
}

/** The checked value, and the version it was migrated from when it was older than the current one. */
export interface Parsed<T> {
  value: T;
  migratedFrom?: number;
}

/**
 * Reads `json` (already parsed from `source`) in `format`: older versions are migrated in memory,
 * then the schema checks every field. Any problem is a PlanFileError naming `source` and the field.
 */
export function parseVersioned<T>(format: VersionedFormat<T>, json: unknown, source: string): Parsed<T> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new PlanFileError(source, [
      `(top level): expected a JSON object (${format.kind}), got ${describe(json)}`,
    ]);
  }
  const declared = (json as JsonObject).version;
  const version = declared === undefined ? format.unversioned : declared;
  const known = [...Object.keys(format.upgrades).map(Number), format.current];
  if (typeof version !== 'number' || !known.includes(version)) {
    throw new PlanFileError(source, [
      `version: ${declared === undefined ? 'missing' : `unknown ${format.kind} version ${describeVersion(declared)}`}; ` +
        `this nnunet-ts reads version${known.length > 1 ? 's' : ''} ${known.join(', ')}`,
    ]);
  }
  let upgraded = json as JsonObject;
  for (let v = version; v < format.current; v++)
    upgraded = { ...format.upgrades[v]!(upgraded), version: v + 1 };
  const result = format.schema.safeParse(upgraded);
  if (!result.success) throw new PlanFileError(source, describeZodIssues(result.error));
  return { value: result.data, ...(version < format.current ? { migratedFrom: version } : {}) };
}

/**
 * A declared version as the message quotes it: a number or short string as written, anything else by its
 * type (JSON.stringify of a deeply nested array overflows the stack, and a long value would fill the message).
 */
function describeVersion(value: unknown): string {
  if (typeof value === 'object' && value !== null) return describe(value);
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}
