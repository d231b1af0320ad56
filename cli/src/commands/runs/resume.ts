import { createRuntime, type RunOutcome, type RunRecord } from '@mova/runtime';
import { AuditLog } from '@mova/runtime/audit';
import { MovaError } from '@mova/sdk';
import { Args, Flags, ux } from '@oclif/core';
import { MovaCommand } from '../../base-command.js';
import { openConnections } from '../../run/connections.js';
import { connectorSources } from '../../run/connector-sources.js';
import { dataDirOf, runStoreFlags, workflowBaseFlags } from '../../run/flags.js';
import { elapsed, formatMs } from '../../run/format.js';
import { openRunStore, runStoreFailed } from '../../run/run-store.js';

// `waiting`: it paused again (an approval still undecided); serve drives it on.
const EXIT = { completed: 0, failed: 1, cancelled: 130, waiting: 0 } as const;

export default class RunsResume extends MovaCommand {
  static override summary = 'Resume an interrupted or waiting run from its last completed step';

  static override description =
    'Takes over a run whose process died (status interrupted) or that waits (an approval, a long wait) and drives it on with the workflow and inputs it recorded and exactly the connector builds it ran (same versions, same content integrity). Steps that completed are not run again: their recorded outputs are used. A step that was in flight when the process died runs again only when it is safe (built-in steps, actions declared idempotent); otherwise it fails with E_OUTCOME_UNKNOWN, and you check in the service whether it took effect. `serve` does this by itself for every unfinished run when it starts. Exit code: 0 completed, 1 failed or not resumable, 130 cancelled.';

  static override examples = [
    '<%= config.bin %> runs resume 0b8f3c1e-5d2a-4c4e-9a57-3f1d2e4b6a70',
    '<%= config.bin %> runs resume 0b8f3c1e-5d2a-4c4e-9a57-3f1d2e4b6a70 --connections connections.json --json',
  ];

  static override baseFlags = workflowBaseFlags;

  static override args = {
    id: Args.string({ description: 'the run id, as `runs` lists it', required: true }),
  };

  static override flags = {
    connections: Flags.string({
      description: 'a JSON file of connections the workflow uses: {"<name>": {"connector": "github", "auth": {...}}}',
    }),
    vault: Flags.string({
      description:
        'a JSON file naming where connections live in HashiCorp Vault KV v2 (as for `run`); MOVA_VAULT_ADDR and a token or AppRole',
      env: 'MOVA_VAULT_CONFIG',
    }),
    'allow-host': Flags.string({
      multiple: true,
      multipleNonGreedy: true,
      description: 'a host http_fetch steps may call (api.example.com, *.example.com, 127.0.0.1:8080)',
    }),
    ...runStoreFlags,
  };

  async run(): Promise<RunRecord> {
    const { args, flags } = await this.parse(RunsResume);
    const connections = await openConnections(flags.connections, flags.vault);
    const dataDir = dataDirOf(flags['data-dir'], this.config);
    const opened = await openRunStore(flags.store, dataDir);
    const audit = new AuditLog(dataDir);
    // Connector builds come from the connector store (and a checkout's connectors/): the run pins
    // each one by version and content integrity, so no lockfile or registry is asked.
    const runtime = createRuntime({
      sources: await connectorSources(process.cwd(), dataDir),
      store: opened.store,
      connections,
      allowHosts: flags['allow-host'] ?? [],
      audit,
    });
    try {
      await runtime.ready.catch((error: unknown) => {
        throw runStoreFailed(error, opened);
      });
      const result = await runtime.resume(args.id, { actor: 'cli:runs resume' }).catch((error: unknown) => {
        // A refusal to resume (or an id no run can have) is printed as it is; the rest is the store failing.
        if (error instanceof MovaError && error.code !== 'E_RUN_STORE') throw error;
        throw runStoreFailed(error, opened);
      });
      const record = await opened.store.getRun(result.runId).catch((error: unknown) => {
        throw runStoreFailed(error, opened);
      });
      if (!record) throw runStoreFailed(new Error(`run ${result.runId} is missing`), opened);
      return this.report(result, record);
    } finally {
      await runtime.close();
      await audit.close().catch(() => {});
    }
  }

  private report(result: RunOutcome, record: RunRecord): RunRecord {
    const code = EXIT[result.status];
    if (this.jsonEnabled()) {
      if (code === 0) return record;
      this.logJson(record);
      this.exit(code);
    }
    const took = elapsed(record.startedAt, record.endedAt);
    this.log(`Run ${record.id} ${result.status}${took === undefined ? '' : ` ${formatMs(took)} after it started`}`);
    if (result.status === 'completed') {
      this.log(`Output: ${ux.colorizeJson(JSON.stringify(result.output ?? null, null, 2), { pretty: false })}`);
      return record;
    }
    if (result.status === 'waiting') {
      this.log(
        `It waits again${result.resumeAt ? ` until ${result.resumeAt}` : ''}: \`${this.config.bin} serve\` resumes it on the decision or when it is due.`,
      );
      return record;
    }
    if (result.error) {
      const code = result.error.code ? ` [${result.error.code}]` : '';
      process.stderr.write(`${result.error.step ?? 'run'}: ${result.error.message}${code}\n`);
      if (result.error.hint) process.stderr.write(`  ${result.error.hint}\n`);
    }
    this.log(`See its steps with: ${this.config.bin} runs show ${record.id}`);
    this.exit(code);
  }
}
