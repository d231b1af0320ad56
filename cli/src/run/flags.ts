import { resolve } from 'node:path';
import { Flags, type Interfaces } from '@oclif/core';
import { MovaCommand } from '../base-command.js';

/** Where runs are kept, shared by `run`, `runs` and `runs show`. */
export const runStoreFlags = {
  'data-dir': Flags.directory({
    env: 'MOVA_DATA_DIR',
    description:
      'folder for the file run store and the connector store [default: $XDG_DATA_HOME/mova, else ~/.local/share/mova]',
  }),
  store: Flags.string({
    env: 'MOVA_RUN_STORE',
    description:
      'run store: postgres://user@host:5432/db (?schema=name, default mova), sqlite (runs.sqlite in the data dir) or sqlite:<file> [default: the file store in the data dir]',
  }),
};

/** The data dir: the flag or MOVA_DATA_DIR, else the user's data folder for this CLI (XDG on Linux, LOCALAPPDATA on Windows). */
export function dataDirOf(flag: string | undefined, config: Interfaces.Config): string {
  return resolve(flag ?? config.dataDir);
}

/**
 * MovaCommand's flags with its `--dir` (a connector package folder) hidden: the workflow commands
 * work on workflow files and the run store, not on a package.
 */
export const workflowBaseFlags: typeof MovaCommand.baseFlags = {
  dir: { ...MovaCommand.baseFlags.dir, hidden: true },
};
