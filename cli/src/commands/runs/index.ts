import type { RunStatus, RunSummary } from '@mova/runtime';
import { Flags } from '@oclif/core';
import { MovaCommand } from '../../base-command.js';
import { dataDirOf, runStoreFlags, workflowBaseFlags } from '../../run/flags.js';
import { openRunStore, runStoreFailed } from '../../run/run-store.js';
import { runsTable } from '../../run/runs-table.js';

const STATUSES: readonly RunStatus[] = ['running', 'waiting', 'completed', 'failed', 'cancelled', 'interrupted'];

export default class Runs extends MovaCommand {
  static override summary = 'List workflow runs, newest first';

  static override description =
    'Lists the runs in the run store (the file store in the data dir, or PostgreSQL with --store): id, workflow, status, start time and duration. Show one with `runs show <id>`.';

  static override examples = [
    '<%= config.bin %> runs',
    '<%= config.bin %> runs --status failed --limit 5',
    '<%= config.bin %> runs --store postgres://postgres@127.0.0.1:5432/mova --json',
  ];

  static override baseFlags = workflowBaseFlags;

  static override flags = {
    limit: Flags.integer({ char: 'n', min: 1, default: 20, description: 'list at most this many runs' }),
    status: Flags.option({ options: STATUSES, description: 'only runs with this status' })(),
    workflow: Flags.string({ char: 'w', description: 'only runs of the workflow with this name' }),
    ...runStoreFlags,
  };

  async run(): Promise<RunSummary[]> {
    const { flags } = await this.parse(Runs);
    const opened = await openRunStore(flags.store, dataDirOf(flags['data-dir'], this.config));
    try {
      const runs = await opened.store
        .listRuns({ limit: flags.limit, status: flags.status, workflow: flags.workflow })
        .catch((error: unknown) => {
          throw runStoreFailed(error, opened);
        });
      if (runs.length === 0) {
        const filtered = flags.status || flags.workflow ? ' matching the filters' : '';
        this.log(`No runs${filtered} in ${opened.label}. Start one with: ${this.config.bin} run <workflow.json>`);
      } else {
        for (const line of runsTable(runs)) this.log(line);
      }
      return runs;
    } finally {
      await opened.store.close();
    }
  }
}
