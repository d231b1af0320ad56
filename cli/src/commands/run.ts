import { resolve } from 'node:path';
import {
  createRuntime,
  type RunRecord,
  type RunResult,
  type Runtime,
  type ValidatedWorkflow,
  WorkflowValidationError,
} from '@mova/runtime';
import { AuditLog } from '@mova/runtime/audit';
import { hostRuleProblem, SandboxHost } from '@mova/runtime/sandbox';
import { inputsSchema } from '@mova/runtime/workflow-tools';
import { Args, Flags, ux } from '@oclif/core';
import { MovaCommand } from '../base-command.js';
import { displayPath } from '../paths.js';
import { lockedDownloads } from '../registry/config.js';
import { openConnections } from '../run/connections.js';
import { connectorSources } from '../run/connector-sources.js';
import { failureIssue } from '../run/failure.js';
import { dataDirOf, runStoreFlags, workflowBaseFlags } from '../run/flags.js';
import { elapsed, formatMs } from '../run/format.js';
import { collectInputs, inputIssues } from '../run/inputs.js';
import { hidingLocal, type LocalConnector, openLocalConnectors } from '../run/local-connectors.js';
import { findLockfile } from '../run/lockfile.js';
import { RunProgress } from '../run/progress.js';
import { readJsonFile } from '../run/read-json.js';
import { type OpenedRunStore, openRunStore, runStoreFailed } from '../run/run-store.js';
import { stepMap } from '../run/step-map.js';
import { formatLocated, IssuesError, UserError } from '../user-error.js';

/** Exit codes of a run that started: Ctrl-C gives the shell's usual 130. */
const EXIT: Record<RunResult['status'], number> = { completed: 0, failed: 1, cancelled: 130 };

export default class Run extends MovaCommand {
  static override summary = 'Run a MOVA workflow';

  static override description =
    `Validates the workflow (every problem printed as file#/pointer: message, nothing runs), types the inputs by the workflow's inputs schema, runs it with live step progress, records it in the run store and prints the result.

Connectors come from the connectors/ folder of the MOVA checkout you run it in (built with mova-connector build) and from the connector store in the data dir; when the workflow's folder (or one above it) holds a mova.lock.json, exactly the versions it locks run, from the connector store. Connections come from MOVA_CONNECTION_<NAME> variables ({"connector":"postgres","auth":{...}}) and from --connections. Exit code: 0 the run completed, 1 it failed (or the workflow is invalid), 2 a usage mistake, 130 cancelled with Ctrl-C.`;

  static override examples = [
    '<%= config.bin %> run flows/hello.json --input name=Ada',
    '<%= config.bin %> run flows/try.json --connector ../acme-connector   # a local connector, rebuilt when changed',
    '<%= config.bin %> run flows/report.json --input-file inputs.json --input limit=10 --connections connections.json',
    'MOVA_CONNECTION_DB=\'{"connector":"postgres","auth":{"connectionString":"postgres://postgres@127.0.0.1/test"}}\' <%= config.bin %> run flows/query.json --json',
  ];

  static override baseFlags = workflowBaseFlags;

  static override args = {
    workflow: Args.string({ description: 'the workflow file (JSON)', required: true }),
  };

  static override flags = {
    input: Flags.string({
      char: 'i',
      multiple: true,
      multipleNonGreedy: true,
      description:
        'an input as name=value, typed by the inputs schema (numbers, true/false, JSON for objects and arrays)',
    }),
    'input-file': Flags.string({ description: 'a JSON file with an object of inputs; --input values override it' }),
    connections: Flags.string({
      description: 'a JSON file of connections: {"<name>": {"connector": "postgres", "auth": {...}}}',
    }),
    vault: Flags.string({
      description:
        'a JSON file naming where connections live in HashiCorp Vault KV v2: {"connections": {"<name>": {"connector": "github", "mount": "secret", "path": "mova/github"}}}; MOVA_VAULT_ADDR, and MOVA_VAULT_TOKEN or MOVA_VAULT_ROLE_ID + MOVA_VAULT_SECRET_ID (AppRole)',
      env: 'MOVA_VAULT_CONFIG',
    }),
    connector: Flags.directory({
      multiple: true,
      multipleNonGreedy: true,
      description:
        'a local connector package folder to run instead of its installed versions (built first when its source changed; the lockfile is then not used)',
    }),
    'allow-host': Flags.string({
      multiple: true,
      multipleNonGreedy: true,
      description: 'a host http_fetch steps may call (api.example.com, *.example.com, 127.0.0.1:8080)',
    }),
    ...runStoreFlags,
  };

  async run(): Promise<RunRecord> {
    const { args, flags } = await this.parse(Run);
    for (const rule of flags['allow-host'] ?? []) {
      const problem = hostRuleProblem(rule);
      if (problem) {
        throw new UserError(
          `--allow-host ${problem}`,
          'Give a host name, *.domain, an IP address or [IPv6], each with an optional :port.',
        );
      }
    }
    const file = resolve(args.workflow);
    const { text } = await readJsonFile(file, 'workflow');
    let inputFile: { path: string; value: unknown } | undefined;
    if (flags['input-file']) {
      const path = resolve(flags['input-file']);
      inputFile = { path, value: (await readJsonFile(path, 'inputs')).value };
    }
    const connections = await openConnections(flags.connections, flags.vault);
    const dataDir = dataDirOf(flags['data-dir'], this.config);
    const opened = await openRunStore(flags.store, dataDir);
    const locals = await openLocalConnectors(flags.connector ?? [], (reason, work) =>
      this.step(`Building the local connector (${reason})`, work),
    );
    const found = await findLockfile(file);
    const lockfile = locals.length > 0 ? undefined : found;
    this.announceLocal(locals, found === undefined ? undefined : file);
    const sources = await connectorSources(process.cwd(), dataDir);
    const audit = new AuditLog(dataDir);
    const runtime = createRuntime({
      // Wrapped only for local folders: the lockfile path finds its connector store among the sources by class.
      sources:
        locals.length === 0
          ? sources
          : [...locals.map((local) => local.source), ...sources.map((source) => hidingLocal(source, locals))],
      // A lockfile pins every connector; the sources then only supply the connector store it reads.
      // A locked version missing from the store is downloaded, with the token when the lockfile
      // names the registry the user is logged in to (a private registry needs it for reads too).
      ...(lockfile ? { lockfile, registry: await lockedDownloads() } : {}),
      store: opened.store,
      connections,
      allowHosts: flags['allow-host'] ?? [],
      audit,
    });
    try {
      const plan = await validated(runtime, text, file);
      await this.warnIfWeak(runtime, plan);
      const schema = inputsSchema(plan.workflow);
      const inputs = collectInputs(schema, { pairs: flags.input ?? [], file: inputFile });
      const issues = inputIssues(schema, inputs);
      if (issues.length > 0) this.fail({ message: 'the inputs do not fit the workflow', exitCode: 2, issues });
      await runtime.ready.catch((error: unknown) => {
        throw runStoreFailed(error, opened);
      });

      const progress = this.jsonEnabled()
        ? undefined
        : new RunProgress({ out: process.stderr, live: process.stderr.isTTY === true, steps: stepMap(plan) });
      const result = await withInterrupt((signal) =>
        runtime.runValidated(plan, inputs, { signal, onEvent: (event) => progress?.handle(event) }),
      )
        .catch((error: unknown) => {
          throw storeOrRethrow(error, opened);
        })
        .finally(() => progress?.stop());
      const record = await opened.store.getRun(result.runId).catch((error: unknown) => {
        throw runStoreFailed(error, opened);
      });
      if (!record) throw runStoreFailed(new Error(`run ${result.runId} is missing`), opened);
      return this.report(result, record, displayPath(file));
    } finally {
      await runtime.close();
      await audit.close().catch(() => {});
    }
  }

  /** On every run where third-party connectors would run without OS namespaces: `sandbox: weak` and why. */
  /** Says so when a connector of this run will be in a process sandbox that only has its weak layers here. */
  private async warnIfWeak(runtime: Runtime, plan: ValidatedWorkflow): Promise<void> {
    const host = runtime.host;
    if (!(host instanceof SandboxHost)) return;
    const sandboxed = [...plan.uses.values()].some(
      (use) => use.kind === 'connector' && host.isolationOf(use.connector.manifest) === 'process',
    );
    if (!sandboxed) return;
    const { strength, reason } = await host.processSandboxStrength();
    if (strength === 'weak') {
      process.stderr.write(
        `sandbox: weak (${reason}). Third-party connectors run with Node's permission model and an in-process network guard only; MOVA_SANDBOX=strict refuses to run them so.\n`,
      );
    }
  }

  /** Says which local build runs, so nobody wonders whether the fix they just made is in. */
  private announceLocal(locals: LocalConnector[], lockedWorkflow: string | undefined): void {
    if (this.jsonEnabled() || locals.length === 0) return;
    for (const local of locals) {
      process.stderr.write(
        `Using the local build of ${local.package}@${local.version} from ${displayPath(local.dir)} (${local.rebuilt ? `rebuilt: ${local.rebuilt}` : 'build up to date'}; ${local.integrity.slice(0, 19)}…)\n`,
      );
    }
    if (lockedWorkflow !== undefined) {
      process.stderr.write(
        `The mova.lock.json of ${displayPath(lockedWorkflow)} is not used: --connector runs local builds\n`,
      );
    }
  }

  /** Prints the result (the record with --json) and sets the exit code by the run's status. */
  private report(result: RunResult, record: RunRecord, file: string): RunRecord {
    const code = EXIT[result.status];
    if (this.jsonEnabled()) {
      if (code === 0) return record;
      this.logJson(record);
      this.exit(code);
    }
    const took = elapsed(record.startedAt, record.endedAt);
    this.log(`Run ${record.id} ${result.status}${took === undefined ? '' : ` in ${formatMs(took)}`}`);
    if (result.status === 'completed') {
      // Stringified here: given a string, colorizeJson would parse it as JSON text ("hello" fails, "42" turns numeric).
      this.log(`Output: ${ux.colorizeJson(JSON.stringify(result.output ?? null, null, 2), { pretty: false })}`);
      return record;
    }
    if (result.error) process.stderr.write(`${formatLocated(failureIssue(file, result.error))}\n`);
    this.log(`See its steps with: ${this.config.bin} runs show ${record.id}`);
    this.exit(code);
  }
}

/** The workflow checked completely (schema, references, connectors, connections); every problem located in the file. */
async function validated(runtime: Runtime, text: string, file: string): Promise<ValidatedWorkflow> {
  const validation = await runtime.validate(text);
  if (validation.ok) return validation.workflow;
  const shown = displayPath(file);
  throw new IssuesError(
    'the workflow is invalid',
    validation.issues.map((issue) => ({ file: shown, ...issue })),
  );
}

/**
 * Runs `work` with a signal that the first Ctrl-C aborts (the run ends `cancelled` and is recorded
 * so); a second Ctrl-C exits at once.
 */
async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onInterrupt = () => {
    if (controller.signal.aborted) process.exit(EXIT.cancelled);
    process.stderr.write('\nCancelling the run (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);
  try {
    return await work(controller.signal);
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}

/**
 * `runtime.runValidated` rejects only for invalid inputs (checked before) or when the run store
 * fails (its StoreFailure, or the driver's or file system's error with a code); anything else is
 * a bug and keeps its stack.
 */
function storeOrRethrow(error: unknown, opened: OpenedRunStore): unknown {
  if (error instanceof WorkflowValidationError) return error;
  const fromStore =
    error instanceof Error && (error.name === 'StoreFailure' || typeof (error as { code?: unknown }).code === 'string');
  return fromStore ? runStoreFailed(error, opened) : error;
}
