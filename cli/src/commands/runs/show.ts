import type { RunRecord } from '@mova/runtime';
import { Args } from '@oclif/core';
import { MovaCommand } from '../../base-command.js';
import { dataDirOf, runStoreFlags, workflowBaseFlags } from '../../run/flags.js';
import { runDetails } from '../../run/run-details.js';
import { openRunStore, runStoreFailed } from '../../run/run-store.js';
import { UserError } from '../../user-error.js';

/** The run ids the stores write: UUIDs, and nothing that could name a path. */
const RUN_ID = /^[A-Za-z0-9_-]+$/;

export default class RunsShow extends MovaCommand {
  static override summary = 'Show one workflow run with its steps';

  static override description =
    'Shows a run from the run store: status, timing, inputs, and every step with its status, duration, output and error (secrets redacted as stored). --json prints the whole record.';

  static override examples = [
    '<%= config.bin %> runs show 0b8f3c1e-5d2a-4c4e-9a57-3f1d2e4b6a70',
    '<%= config.bin %> runs show 0b8f3c1e-5d2a-4c4e-9a57-3f1d2e4b6a70 --json',
  ];

  static override baseFlags = workflowBaseFlags;

  static override args = {
    id: Args.string({ description: 'the run id, as `runs` lists it' }),
  };

  static override flags = { ...runStoreFlags };

  async run(): Promise<RunRecord> {
    const { args, flags } = await this.parse(RunsShow);
    if (!args.id) {
      throw new UserError('missing the run id', `Pass one of the ids \`${this.config.bin} runs\` lists.`);
    }
    const id = args.id;
    const opened = openRunStore(flags.store, dataDirOf(flags['data-dir'], this.config));
    try {
      const run = RUN_ID.test(id)
        ? await opened.store.getRun(id).catch((error: unknown) => {
            throw runStoreFailed(error, opened);
          })
        : undefined;
      if (!run) {
        throw new UserError(
          `no run "${id}" in ${opened.label}`,
          `List the runs and their ids with \`${this.config.bin} runs\` (same --data-dir / --store); \`run\` prints the id of each run it starts.`,
        );
      }
      for (const line of runDetails(run)) this.log(line);
      return run;
    } finally {
      await opened.store.close();
    }
  }
}
