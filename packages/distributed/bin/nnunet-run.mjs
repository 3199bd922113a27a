#!/usr/bin/env node
// nnunet-run -np N [-H host:slots,...] [options] -- command: see `nnunet-run --help`.
import { runLauncher } from '../dist/index.js';

process.exitCode = await runLauncher(process.argv.slice(2));
