import type { CommandDefinition } from '../internal/defineCommand';
import { infoCommand } from './info';
import { evaluateCommand } from './evaluate';
import { trainCommand } from './train';
import { predictCommand } from './predict';
import { benchmarkCommand } from './benchmark';
import { downloadCommand } from './download';
import { synthCommand } from './synth';
import { verifyCommand } from './verify';
import { planCommand } from './plan';
import { preprocessCommand } from './preprocess';
import { viewCommand } from './view';
import { reportCommand } from './report';

/** Every `nnunet` subcommand, in the order `nnunet --help` lists them. Add new commands here. */
export const commandList: readonly CommandDefinition[] = [
  infoCommand,
  downloadCommand,
  synthCommand,
  verifyCommand,
  planCommand,
  preprocessCommand,
  trainCommand,
  predictCommand,
  evaluateCommand,
  benchmarkCommand,
  viewCommand,
  reportCommand,
];
