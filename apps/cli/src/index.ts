export { run } from './internal/run';
export { parseOptions, type ParseOptionsResult } from './internal/parseOptions';
export { defineCommand, type CommandDefinition } from './internal/defineCommand';
export type { CliIo } from './internal/CliIo';
export type { OptionsSchema } from './internal/optionSpecs';
export { str2bool } from './internal/str2bool';
export { commandList } from './commands/commandList';
export { infoCommand, infoOptions, type InfoReport } from './commands/info';
