import type { PruneResult } from '@mova/runtime';
import { retentionCutoff } from '@mova/runtime/store';
import { Flags } from '@oclif/core';
import { MovaCommand } from '../../base-command.js';
import { dataDirOf, runStoreFlags, workflowBaseFlags } from '../../run/flags.js';
import { openRunStore, runStoreFailed } from '../../run/run-store.js';
import { UserError } from '../../user-error.js';

export default class RunsPrune extends MovaCommand {
  static override summary = 'Remove finished runs older than an age or a date';

  static override description =
    'Removes from the run store (the file store in the data dir, or PostgreSQL with --store) every run that started before the cutoff, with its steps; running runs stay. To keep runs for a while without thinking of it, set MOVA_RUN_RETENTION (e.g. 30d): `run` then prunes when it starts.';

  static override examples = [
    '<%= config.bin %> runs prune --older-than 30d',
    '<%= config.bin %> runs prune --older-than 2026-01-01',
    '<%= config.bin %> runs prune --older-than 12h --store postgres://postgres@127.0.0.1:5432/mova --json',
  ];

  static override baseFlags = workflowBaseFlags;

  static override flags = {
    'older-than': Flags.string({
      description: 'an age (90m, 12h, 30d, 2w) or an ISO date: runs that started before it are removed',
    }),
    ...runStoreFlags,
  };

  async run(): Promise<PruneResult & { olderThan: string }> {
    const { flags } = await this.parse(RunsPrune);
    const given = flags['older-than'];
    if (given === undefined) {
      throw new UserError(
        'missing --older-than: which runs to remove',
        `Pass an age or a date, e.g. \`${this.config.bin} runs prune --older-than 30d\`.`,
      );
    }
    const cutoff = retentionCutoff(given);
    if (!cutoff) {
      throw new UserError(
        `--older-than must be an age or a date, not "${given}"`,
        'Use an age such as 90m, 12h, 30d or 2w, or an ISO date such as 2026-01-01.',
      );
    }
    const opened = await openRunStore(flags.store, dataDirOf(flags['data-dir'], this.config));
    try {
      const { removed } = await opened.store.prune({ olderThan: cutoff }).catch((error: unknown) => {
        throw runStoreFailed(error, opened);
      });
      const runs = removed === 1 ? 'run' : 'runs';
      this.log(`Removed ${removed} ${runs} that started before ${cutoff.toISOString()} from ${opened.label}.`);
      return { removed, olderThan: cutoff.toISOString() };
    } finally {
      await opened.store.close();
    }
  }
}
