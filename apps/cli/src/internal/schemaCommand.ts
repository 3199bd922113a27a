import type { Command, CommanderError } from 'commander';
import type { z } from 'zod';
import { addSchemaOptions } from './addSchemaOptions';
import type { CliIo } from './CliIo';
import { optionSpecs, type OptionsSchema } from './optionSpecs';
import { readSchemaOptions } from './readSchemaOptions';

/** Exit status for bad command lines (unknown command or flag, invalid value), as argparse uses. */
export const USAGE_EXIT_CODE = 2;

const USAGE_HINT = '(add --help for usage)';

/**
 * Makes `command` write to `io`, throw instead of exiting, and accept the options of `schema`.
 * Returns a reader that, after parsing, gives the validated options or writes every problem to
 * `io.stderr` and gives undefined.
 */
export function applySchema<S extends OptionsSchema>(
  command: Command,
  schema: S,
  io: CliIo,
): () => z.output<S> | undefined {
  configureCommand(command, io);
  const specs = optionSpecs(schema, command.name());
  addSchemaOptions(command, specs);
  return () => {
    const result = readSchemaOptions(command, schema, specs);
    if (result.ok) return result.options;
    const lines = result.problems.map((problem) => `  ${problem}\n`).join('');
    io.stderr.write(`error: invalid options for '${commandPath(command)}':\n${lines}${USAGE_HINT}\n`);
    return undefined;
  };
}

/** Output to `io`, errors thrown as `CommanderError` (see {@link exitCodeOf}), no excess arguments. */
export function configureCommand(command: Command, io: CliIo): Command {
  return command
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .showHelpAfterError(USAGE_HINT)
    .allowExcessArguments(false);
}

/** 0 after `--help` / `--version`, {@link USAGE_EXIT_CODE} for every command-line error. */
export function exitCodeOf(error: CommanderError): number {
  return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : USAGE_EXIT_CODE;
}

function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}
