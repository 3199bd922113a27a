import { z } from 'zod';

/** A zod object schema whose fields are command-line options. */
export type OptionsSchema = z.ZodObject;

/** How one schema field appears on the command line. */
export interface OptionSpec {
  /** The schema key, e.g. `learningRate`. */
  readonly key: string;
  /** `--learning-rate` */
  readonly flag: string;
  /** `--learning_rate` when the name has more than one word (the seed accepts both). */
  readonly underscoreFlag: string | undefined;
  readonly kind: 'boolean' | 'number' | 'string';
  /** Allowed values of an enum or literal field. */
  readonly choices: readonly (string | number)[] | undefined;
  /** Words a number option also takes (`--fold all`: a union of a number and string literals). */
  readonly words?: readonly string[];
  /** A list option (`--folds 0 1 2`). */
  readonly list: boolean;
  readonly integer: boolean;
  readonly description: string;
  /** The default, when the schema has one. */
  readonly defaultValue: unknown;
  /** Neither optional nor defaulted. */
  readonly required: boolean;
}

/**
 * Reads the command-line form of every field of a zod object schema: camelCase keys become
 * `--kebab-case` flags with a `--snake_case` alias, the field's type decides how its text is
 * parsed, and `.describe()` / `.default()` feed `--help`. Throws for field types with no
 * command-line form, naming the field, so a bad schema fails when the command is registered.
 */
export function optionSpecs(schema: OptionsSchema, owner: string): OptionSpec[] {
  return Object.entries(schema.shape).map(([key, field]) => fieldSpec(key, field as z.ZodType, owner));
}

function fieldSpec(key: string, field: z.ZodType, owner: string): OptionSpec {
  let description = field.description;
  let defaultValue: unknown;
  let required = true;
  let inner: z.ZodType = field;
  // peel optional/default wrappers, keeping the outermost description and default
  for (;;) {
    if (inner instanceof z.ZodDefault) {
      defaultValue ??= inner.def.defaultValue;
      required = false;
      inner = inner.unwrap() as z.ZodType;
    } else if (inner instanceof z.ZodOptional) {
      required = false;
      inner = inner.unwrap() as z.ZodType;
    } else {
      break;
    }
    description ??= inner.description;
  }
  const list = inner instanceof z.ZodArray;
  const element = list ? ((inner as z.ZodArray).element as z.ZodType) : inner;
  description ??= element.description;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(' ');
  const base = {
    key,
    flag: `--${words.join('-')}`,
    underscoreFlag: words.length > 1 ? `--${words.join('_')}` : undefined,
    list,
    description: description ?? '',
    defaultValue,
    required,
  };
  if (element instanceof z.ZodBoolean) {
    if (list) throw unsupported(owner, key, 'a list of booleans');
    return { ...base, kind: 'boolean', choices: undefined, integer: false };
  }
  if (element instanceof z.ZodNumber) {
    return { ...base, kind: 'number', choices: undefined, integer: element.isInt };
  }
  if (element instanceof z.ZodString) {
    return { ...base, kind: 'string', choices: undefined, integer: false };
  }
  if (element instanceof z.ZodEnum) {
    return { ...base, kind: 'string', choices: element.options as (string | number)[], integer: false };
  }
  if (element instanceof z.ZodLiteral) {
    const values = [...element.values];
    if (values.every((v) => typeof v === 'number')) {
      return { ...base, kind: 'number', choices: values, integer: values.every(Number.isInteger) };
    }
    if (values.every((v) => typeof v === 'string'))
      return { ...base, kind: 'string', choices: values, integer: false };
  }
  if (element instanceof z.ZodUnion) {
    const members = element.options as z.ZodType[];
    const number = members.find((m) => m instanceof z.ZodNumber) as z.ZodNumber | undefined;
    const words = members.flatMap((m) =>
      m instanceof z.ZodLiteral && [...m.values].every((v) => typeof v === 'string') ? [...m.values] : [],
    ) as string[];
    if (!list && number && words.length === members.length - 1) {
      return { ...base, kind: 'number', choices: undefined, words, integer: number.isInt };
    }
  }
  throw unsupported(owner, key, `a zod ${element.def.type}`);
}

function unsupported(owner: string, key: string, what: string): Error {
  return new TypeError(
    `${owner}: option '${key}' is ${what}, which has no command-line form ` +
      '(use a boolean, number, string, enum or literal, optionally in an array, or a number or words)',
  );
}
