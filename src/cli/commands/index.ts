// Every CLI command, in the order --help lists them. Add a command: one file in this folder, one line here.
import type { CliCommand } from '../command';
import { initCommand } from './init';
import { validateCommand } from './validate';
import { syncCommand } from './sync';
import { demoCommand } from './demo';
import { testEmailCommand } from './test-email';
import { previewCommand } from './preview';
import { sandboxCommand } from './sandbox';
import { resetCommand } from './reset';
import { stateCommand } from './state';
import { erpCommand } from './erp';
import { shopCommand } from './shop';
import { runCommand } from './run';
import { statusCommand } from './status';
import { bridgeCommand } from './bridge';

export const commands: CliCommand[] = [
  initCommand,
  validateCommand,
  syncCommand,
  runCommand,
  statusCommand,
  demoCommand,
  testEmailCommand,
  previewCommand,
  resetCommand,
  stateCommand,
  sandboxCommand,
  erpCommand,
  bridgeCommand,
  shopCommand,
];
