import { Flags } from '@oclif/core';
import { MovaCommand } from '../base-command.js';

/** `--registry`: every registry command takes it; resolveRegistry falls back to MOVA_REGISTRY, ~/.movarc, the local default. */
export const registryFlag = Flags.string({
  description: 'registry URL [default: $MOVA_REGISTRY, else the one in ~/.movarc, else http://127.0.0.1:4873/]',
  helpValue: '<url>',
});

/** Registry commands work on a registry, not a package folder: `--dir` stays accepted but unlisted. */
export const registryBaseFlags: typeof MovaCommand.baseFlags = {
  dir: { ...MovaCommand.baseFlags.dir, hidden: true },
};
