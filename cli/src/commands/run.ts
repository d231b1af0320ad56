import { resolve } from 'node:path';
import {
  type RunRecord,
  type RunResult,
  type Runtime,
  type ValidatedWorkflow,
  WorkflowValidationError,
} from '@mova/runtime';
import { SandboxHost } from '@mova/runtime/sandbox';
import { inputsSchema } from '@mova/runtime/workflow-tools';
import { Args, Flags, ux } from '@oclif/core';
import { MovaCommand } from '../base-command.js';
import { displayPath } from '../paths.js';
import { failureIssue } from '../run/failure.js';
import { workflowBaseFlags } from '../run/flags.js';
import { elapsed, formatMs } from '../run/format.js';
import { collectInputs, inputIssues } from '../run/inputs.js';
import type { LocalConnector } from '../run/local-connectors.js';
import { RunProgress } from '../run/progress.js';
import { readJsonFile } from '../run/read-json.js';
import { type OpenedRunStore, runStoreFailed } from '../run/run-store.js';
import { checkAllowHosts, runtimeFlags, setUpRuntime } from '../run/runtime-setup.js';
import { oneRunHost } from '../run/sandbox-host.js';
import { stepMap } from '../run/step-map.js';
import { formatLocated, IssuesError } from '../user-error.js';

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
    ...runtimeFlags,
  };

  async run(): Promise<RunRecord> {
    const { args, flags } = await this.parse(Run);
    checkAllowHosts(flags['allow-host']);
    const file = resolve(args.workflow);
    const { text } = await readJsonFile(file, 'workflow');
    let inputFile: { path: string; value: unknown } | undefined;
    if (flags['input-file']) {
      const path = resolve(flags['input-file']);
      inputFile = { path, value: (await readJsonFile(path, 'inputs')).value };
    }
    const { runtime, opened, audit, locals, lockfile } = await setUpRuntime(flags, {
      config: this.config,
      sourcesDir: process.cwd(),
      lockfileNear: file,
      step: (title, work) => this.step(title, work),
      runtime: { host: oneRunHost() },
    });
    this.announceLocal(locals, lockfile === undefined ? undefined : file);
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
