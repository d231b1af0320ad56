import { Flags } from '@oclif/core';
import type { MovaCommand } from '../base-command.js';
import { registryFlag } from '../registry/flags.js';
import { runStoreFlags } from '../run/flags.js';

/** `--dir` of `install` and `upgrade` names a workflow project, not a connector package. */
export const projectBaseFlags: typeof MovaCommand.baseFlags = {
  dir: Flags.directory({
    description: 'workflow project folder (where mova.lock.json is)',
    default: '.',
    helpGroup: 'GLOBAL',
  }),
};

/** Where connectors come from and where they are stored: the store `run` reads. */
export const installFlags = {
  registry: registryFlag,
  'data-dir': runStoreFlags['data-dir'],
};
