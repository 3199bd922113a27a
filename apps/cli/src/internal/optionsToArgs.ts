import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import { optionSpecs, type OptionsSchema } from './optionSpecs';

/**
 * The command-line flags that give `options` back when parsed with `schema`: one per option that
 * is set and differs from its default (`--flag=value`, so that a value such as `-1` is never read as
 * a flag; lists as `--flag v1 v2`). How `nnunet train --gpus N` hands its options to its ranks.
 */
export function optionsToArgs<S extends OptionsSchema>(
  schema: S,
  options: Partial<z.output<S>>,
  owner: string,
): string[] {
  const args: string[] = [];
  for (const spec of optionSpecs(schema, owner)) {
    const value = (options as Record<string, unknown>)[spec.key];
    if (value === undefined || isDeepStrictEqual(value, spec.defaultValue)) continue;
    if (Array.isArray(value)) args.push(spec.flag, ...value.map(String));
    else args.push(`${spec.flag}=${String(value)}`);
  }
  return args;
}
