import type { Command } from 'commander';
import type { z } from 'zod';
import { commanderKey } from './addSchemaOptions';
import type { OptionSpec, OptionsSchema } from './optionSpecs';
import { str2bool } from './str2bool';

export type ReadOptionsResult<S extends OptionsSchema> =
  | { readonly ok: true; readonly options: z.output<S> }
  | { readonly ok: false; readonly problems: readonly string[] };

// decimal numbers as Python's float()/int() read them, without their inf/nan spellings
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Turns the text commander collected for each option into typed values (`str2bool` booleans,
 * decimal numbers), validates the whole object with the command's zod schema (which also fills in
 * defaults) and reports every problem as `--flag: what was wrong (got 'text')`.
 */
export function readSchemaOptions<S extends OptionsSchema>(
  command: Command,
  schema: S,
  specs: readonly OptionSpec[],
): ReadOptionsResult<S> {
  const raw = command.opts();
  const input: Record<string, unknown> = {};
  const given = new Map<string, string>();
  const problems: string[] = [];
  for (const spec of specs) {
    const value = raw[commanderKey(command, spec)] as string | string[] | true | undefined;
    if (value === undefined) continue;
    const texts = Array.isArray(value) ? value : [value];
    given.set(spec.key, texts.map(String).join(' '));
    const converted = texts.map((text) => convert(spec, text));
    const bad = converted.findIndex((v) => v === undefined);
    if (bad >= 0) {
      problems.push(`${spec.flag}: expected ${expectation(spec)}, got '${String(texts[bad])}'`);
      continue;
    }
    input[spec.key] = spec.list ? converted : converted[0];
  }
  if (problems.length > 0) return { ok: false, problems };

  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, options: parsed.data };
  for (const issue of parsed.error.issues) {
    const spec = specs.find((s) => s.key === issue.path[0]);
    if (!spec) {
      problems.push(issue.message);
      continue;
    }
    const text = given.get(spec.key);
    const problem = text === undefined ? 'is required' : `${describeIssue(issue)} (got '${text}')`;
    problems.push(`${spec.flag}: ${problem}`);
  }
  return { ok: false, problems };
}

function convert(spec: OptionSpec, text: string | true): boolean | number | string | undefined {
  if (spec.kind === 'boolean') return text === true ? true : str2bool(text);
  if (text === true) return undefined;
  if (spec.kind === 'number') {
    if (spec.words?.includes(text.trim())) return text.trim();
    return NUMBER.test(text.trim()) ? Number(text) : undefined;
  }
  return text;
}

function expectation(spec: OptionSpec): string {
  if (spec.kind === 'boolean') return 'a boolean (true/false, yes/no, 1/0)';
  if (spec.choices) return `one of ${spec.choices.join(', ')}`;
  const number = spec.integer ? 'an integer' : 'a number';
  return spec.words ? `${number} or ${spec.words.join(', ')}` : number;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? 'expected an integer' : `expected ${issue.expected}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `expected at least ${String(issue.minimum)} values`
        : `must be ${issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `expected at most ${String(issue.maximum)} values`
        : `must be ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}`;
    default:
      return issue.message;
  }
}
