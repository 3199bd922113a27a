import { Command, CommanderError } from 'commander';
import { commandList } from '../commands/commandList';
import { processIo, type CliIo } from './CliIo';
import type { CommandDefinition } from './defineCommand';
import { applySchema, configureCommand, exitCodeOf, USAGE_EXIT_CODE } from './schemaCommand';
import { CLI_VERSION } from './version';

/**
 * Runs the `nnunet` command line on `argv` (without the node and script paths) and returns the exit
 * status: 0 on success, 1 when a command fails, 2 for an unknown command or flag or an invalid
 * value. Errors are one line on stderr, with the stack only when `NNUNET_DEBUG` is set.
 */
export async function run(
  argv: readonly string[],
  io: CliIo = processIo,
  commands: readonly CommandDefinition[] = commandList,
): Promise<number> {
  let exitCode = 0;
  const program = configureCommand(new Command('nnunet'), io)
    .description('nnU-Net for TypeScript: self-configuring U-Nets for medical image segmentation')
    .version(CLI_VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand(false);
  for (const definition of commands) {
    const command = program
      .command(definition.name)
      .summary(definition.summary)
      .description(definition.description ?? definition.summary)
      .helpOption('-h, --help', 'show help');
    const read = applySchema(command, definition.options, io);
    command.action(async () => {
      const options = read();
      if (options === undefined) {
        exitCode = USAGE_EXIT_CODE;
        return;
      }
      try {
        exitCode = (await definition.run(options, io)) ?? 0;
      } catch (error) {
        const showStack = Boolean(io.env.NNUNET_DEBUG) && error instanceof Error && error.stack;
        const detail = showStack ? (error as Error).stack : errorMessage(error);
        io.stderr.write(`nnunet ${definition.name}: ${detail}\n`);
        exitCode = 1;
      }
    });
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return exitCodeOf(error);
  }
  return exitCode;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
