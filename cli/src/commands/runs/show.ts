import type { RunRecord } from '@mova/runtime';
import { Args } from '@oclif/core';
import { MovaCommand } from '../../base-command.js';
import { dataDirOf, runStoreFlags, workflowBaseFlags } from '../../run/flags.js';
import { runDetails } from '../../run/run-details.js';
import { type OpenedRunStore, openRunStore, runStoreFailed } from '../../run/run-store.js';
import { UserError } from '../../user-error.js';

/** The run ids the stores write: UUIDs, and nothing that could name a path. */
const RUN_ID = /^[A-Za-z0-9_-]+$/;

export default class RunsShow extends MovaCommand {
  static override summary = 'Show one workflow run with its steps';

  static override description =
    'Shows a run from the run store: status, timing, inputs, and every step with its status, duration, output and error (secrets redacted as stored). --json prints the whole record.';

  static override examples = [
    '<%= config.bin %> runs show 0b8f3c1e-5d2a-4c4e-9a57-3f1d2e4b6a70',
    '<%= config.bin %> runs show 0b8f3c1e   # any unique start of the id',
    '<%= config.bin %> runs show 0b8f3c1e --json',
  ];

  static override baseFlags = workflowBaseFlags;

  static override args = {
    id: Args.string({ description: 'the run id as `runs` lists it, or a unique start of it', required: true }),
  };

  static override flags = { ...runStoreFlags };

  async run(): Promise<RunRecord> {
    const { args, flags } = await this.parse(RunsShow);
    const id = args.id;
    const opened = await openRunStore(flags.store, dataDirOf(flags['data-dir'], this.config));
    try {
      const run = RUN_ID.test(id) ? await this.find(opened, id) : undefined;
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

  /** The run with this id, else the one run whose id starts with it; several are a usage error that lists them. */
  private async find(opened: OpenedRunStore, id: string): Promise<RunRecord | undefined> {
    const failed = (error: unknown) => {
      throw runStoreFailed(error, opened);
    };
    const exact = await opened.store.getRun(id).catch(failed);
    if (exact) return exact;
    const matches = await opened.store.listRuns({ idPrefix: id, limit: MAX_CANDIDATES + 1 }).catch(failed);
    const [only] = matches;
    if (matches.length === 1 && only) return opened.store.getRun(only.id).catch(failed);
    if (matches.length === 0) return undefined;
    const listed = matches.slice(0, MAX_CANDIDATES).map((run) => `${run.id} (${run.workflow}, ${run.startedAt})`);
    throw new UserError(
      `"${id}" is the start of ${matches.length > MAX_CANDIDATES ? `more than ${MAX_CANDIDATES}` : matches.length} run ids: ${listed.join(', ')}${matches.length > MAX_CANDIDATES ? ', …' : ''}`,
      'Give more of the id, enough to name one run.',
    );
  }
}

/** How many runs an ambiguous prefix lists. */
const MAX_CANDIDATES = 5;
