import type { z } from 'zod';

/** `training[3].image: expected string, received number`, one line per issue, nested key issues included. */
export function describeZodIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = fieldPath(issue.path);
    const inner = issue.code === 'invalid_key' ? `: ${issue.issues.map((i) => i.message).join('; ')}` : '';
    return `${where === '' ? '(top level)' : where}: ${issue.message}${inner}`;
  });
}

/** A zod issue path as a JavaScript-like accessor: `labels.1`, `training[0].image`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}
