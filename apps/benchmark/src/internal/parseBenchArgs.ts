import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import { benchmarkOptions, type BenchmarkOptions } from '../benchmarkOptions';

export type ParseBenchArgsResult =
  | { readonly status: 'options'; readonly options: BenchmarkOptions }
  /** `--help` (exit 0) or a bad command line (exit 2): print the texts and exit. */
  | { readonly status: 'exit'; readonly exitCode: number; readonly stdout: string; readonly stderr: string };

const USAGE_EXIT_CODE = 2;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

interface Flag {
  key: string;
  field: z.ZodType;
  /** `--batch-size`, and `--batch_size` as in the seed's argparse */
  names: string[];
  /** booleans are bare switches, as the seed script's `store_true` flags */
  boolean: boolean;
}

const flags: Flag[] = Object.entries(benchmarkOptions.shape).map(([key, field]) => {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(' ');
  const names = [...new Set([words.join('-'), words.join('_')])];
  // only a boolean field accepts `true`: every other field here is a number, enum or string
  return { key, field, names, boolean: field.safeParse(true).success };
});

/**
 * Reads the `nnunet-bench` command line into validated options: `--kebab-case` or `--snake_case`
 * flags with a value (`--batch-size 2`, `--batch-size=2`), bare boolean switches (`--profile`).
 * Every problem names its flag; `nnunet benchmark` takes the same options through the CLI's parser.
 */
export function parseBenchArgs(argv: readonly string[]): ParseBenchArgsResult {
  const config: ParseArgsConfig['options'] = { help: { type: 'boolean', short: 'h' } };
  for (const flag of flags) {
    for (const name of flag.names) config[name] = { type: flag.boolean ? 'boolean' : 'string' };
  }
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: config, strict: true, allowPositionals: false }));
  } catch (error) {
    return usageError([(error as Error).message]);
  }
  if (values.help) return { status: 'exit', exitCode: 0, stdout: usage(), stderr: '' };

  const input: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const flag of flags) {
    const given = flag.names.map((name) => values[name]).find((value) => value !== undefined);
    if (given === undefined) continue;
    // text stays text where the field takes it (`--results 2024`); otherwise a decimal is a number
    const value =
      typeof given === 'string' && !flag.field.safeParse(given).success && NUMBER.test(given.trim())
        ? Number(given)
        : given;
    const result = flag.field.safeParse(value);
    if (result.success) input[flag.key] = value;
    else problems.push(`--${flag.names[0]}: ${result.error.issues[0]!.message} (got '${String(given)}')`);
  }
  if (problems.length > 0) return usageError(problems);
  const parsed = benchmarkOptions.safeParse(input);
  if (!parsed.success) {
    return usageError(
      parsed.error.issues.map((issue) => {
        const flag = flags.find((f) => f.key === issue.path[0]);
        return flag && input[flag.key] === undefined ? `--${flag.names[0]} is required` : issue.message;
      }),
    );
  }
  return { status: 'options', options: parsed.data };
}

function usageError(problems: readonly string[]): ParseBenchArgsResult {
  const lines = problems.map((problem) => `  ${problem}\n`).join('');
  return {
    status: 'exit',
    exitCode: USAGE_EXIT_CODE,
    stdout: '',
    stderr: `nnunet-bench: invalid command line:\n${lines}(add --help for usage)\n`,
  };
}

function usage(): string {
  const rows = flags.map((flag) => {
    const spelling = flag.names.map((name) => `--${name}`).join(', ') + (flag.boolean ? '' : ' <value>');
    const fallback = flag.field.safeParse(undefined);
    const note = !fallback.success
      ? ' (required)'
      : fallback.data === undefined || flag.boolean
        ? ''
        : ` (default: ${String(fallback.data)})`;
    return [spelling, `${flag.field.description ?? ''}${note}`];
  });
  const width = Math.max(...rows.map(([spelling]) => spelling!.length)) + 2;
  return [
    'usage: nnunet-bench --mode train|predict --dim 2|3 --batch-size N [options]',
    '',
    'Throughput (img/s) and latency (ms per batch) of a U-Net training step or forward pass on',
    "synthetic patches, written as DLLogger lines with the seed's keys.",
    '',
    'options:',
    ...rows.map(([spelling, text]) => `  ${spelling!.padEnd(width)}${text}`),
    `  ${'-h, --help'.padEnd(width)}show this help`,
    '',
  ].join('\n');
}
