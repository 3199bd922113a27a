import { Command, CommanderError } from 'commander';
import type { z } from 'zod';
import type { OptionsSchema } from './optionSpecs';
import { applySchema, exitCodeOf, USAGE_EXIT_CODE } from './schemaCommand';

export type ParseOptionsResult<S extends OptionsSchema> =
  | { readonly status: 'options'; readonly options: z.output<S> }
  /** `--help` (exit 0) or a bad command line (exit 2): print `stdout` / `stderr` and exit. */
  | { readonly status: 'exit'; readonly exitCode: number; readonly stdout: string; readonly stderr: string };

/**
 * Parses `argv` (without the node and script paths) against one command's zod schema, exactly as
 * `nnunet <command>` does: dash and underscore spellings, `str2bool` booleans, numbers, defaults,
 * `--help`. For entry points other than the `nnunet` binary, e.g. an Nx target:
 *
 * ```ts
 * const parsed = parseOptions(trainOptions, process.argv.slice(2), { name: 'nx run trainer:train --' });
 * if (parsed.status === 'exit') {
 *   process.stdout.write(parsed.stdout);
 *   process.stderr.write(parsed.stderr);
 *   process.exit(parsed.exitCode);
 * }
 * ```
 */
export function parseOptions<S extends OptionsSchema>(
  schema: S,
  argv: readonly string[],
  settings: { name?: string; description?: string } = {},
): ParseOptionsResult<S> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: process.env,
  };
  const command = new Command(settings.name ?? 'command');
  if (settings.description) command.description(settings.description);
  const read = applySchema(command, schema, io);
  try {
    command.parse([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return { status: 'exit', exitCode: exitCodeOf(error), stdout, stderr };
  }
  const options = read();
  if (options === undefined) return { status: 'exit', exitCode: USAGE_EXIT_CODE, stdout, stderr };
  return { status: 'options', options };
}
