import type { z } from 'zod';
import type { CliIo } from './CliIo';
import type { OptionsSchema } from './optionSpecs';

/** One `nnunet` subcommand: its name, its options as one zod schema, and what it does. */
export interface CommandDefinition<S extends OptionsSchema = OptionsSchema> {
  readonly name: string;
  /** One line for `nnunet --help`. */
  readonly summary: string;
  /** Longer text for `nnunet <name> --help`; default: the summary. */
  readonly description?: string;
  /** The options, shared with library callers and Nx targets. */
  readonly options: S;
  /** Runs with validated options; returns the exit status (default 0). */
  run(options: z.output<S>, io: CliIo): Promise<number | void>;
}

/** Declares a subcommand with its option types inferred from the schema. */
export function defineCommand<S extends OptionsSchema>(
  definition: CommandDefinition<S>,
): CommandDefinition<S> {
  return definition;
}
