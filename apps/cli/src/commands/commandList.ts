import type { CommandDefinition } from '../internal/defineCommand';
import { infoCommand } from './info';
import { evaluateCommand } from './evaluate';
import { benchmarkCommand } from './benchmark';

/** Every `nnunet` subcommand, in the order `nnunet --help` lists them. Add new commands here. */
export const commandList: readonly CommandDefinition[] = [infoCommand, evaluateCommand, benchmarkCommand];
