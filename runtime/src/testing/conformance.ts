import { appendFileSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Manifest, PollState, WebhookRequest } from '@mova/sdk';
import type { Connection } from '../connections/connections.js';
import type { StepErrorInfo } from '../errors.js';
import { toStepError } from '../executor/failure.js';
import { createRuntime, type Runtime } from '../runtime.js';
import { type Isolation, SandboxHost } from '../sandbox/host.js';
import { type ConnectorSource, SourceError } from '../sources/types.js';
import { WorkspaceSource } from '../sources/workspace-source.js';
import { FileRunStore } from '../store/file-run-store.js';
import { webhookTrigger } from '../triggers/webhook-trigger.js';
import type { Workflow } from '../workflow/types.js';

/** Environment variable naming a folder where every call records what ran, for a coverage check. */
export const CONFORMANCE_LOG_ENV = 'MOVA_CONFORMANCE_LOG';

export interface ConformanceOptions {
  /**
   * The connector's package folder, holding `mova.manifest.json` and `dist/connector.mjs` (run
   * `mova-connector build` first). From a file in its `test/` folder: `new URL('..', import.meta.url)`.
   */
  dir: string | URL;
  /**
   * Default: what users get, worker threads for `@mova/*` connectors and a process sandbox for every
   * other one. Set it to prove a connector also works under the stricter one.
   */
  isolation?: Isolation;
  /**
   * Hosts every call may reach besides the manifest's `network.allow` and the connection's hosts.
   * Leave it empty where a connection field can name the reference server: then the test proves
   * users can point the connector there too.
   */
  allowHosts?: string[];
  /** Time budget of each call in ms (default 30 000). */
  timeoutMs?: number;
}

export interface CallOptions {
  /** The connection's fields, as a user writes them in a connections file. */
  auth?: Record<string, unknown>;
  timeoutMs?: number;
}

/** What one call through the sandbox gave: the step's outcome as `mova-connector run` records it. */
export interface ConformanceResult {
  status: 'completed' | 'failed' | 'cancelled';
  output?: unknown;
  error?: StepErrorInfo;
  /** `package@version` that ran. */
  connector: string;
  isolation: Isolation;
}

export interface PollOutcome {
  status: 'completed' | 'failed';
  items: unknown[];
  state?: PollState;
  error?: StepErrorInfo;
  connector: string;
  isolation: Isolation;
}

/** One call of a webhook trigger's methods through the sandbox; `items` only from a verified delivery. */
export interface WebhookOutcome {
  status: 'completed' | 'failed';
  subscription?: Record<string, unknown>;
  verified?: boolean;
  items?: unknown[];
  error?: StepErrorInfo;
  connector: string;
  isolation: Isolation;
}

/** A built connector, loaded the way the runtime loads it, ready to be called through its sandbox. */
export interface ConnectorUnderTest {
  readonly manifest: Manifest;
  readonly isolation: Isolation;
  /**
   * Runs one action as a one-step workflow through the runtime: the manifest's checks on the
   * connection, input and output, the sandbox, its egress rules. Never rejects for a failed call:
   * look at `status` and `error`.
   */
  run(action: string, input: unknown, options?: CallOptions): Promise<ConformanceResult>;
  /** Runs one poll of a polling trigger through the sandbox, deduplicated against `state`. */
  poll(trigger: string, input: unknown, options?: CallOptions & { state?: PollState }): Promise<PollOutcome>;
  /** A webhook trigger's `subscribe` at `url`, through the sandbox; the outcome carries the subscription. */
  subscribe(trigger: string, input: unknown, url: string, options?: CallOptions): Promise<WebhookOutcome>;
  /** A webhook trigger's `unsubscribe` of what `subscribe` returned, through the sandbox. */
  unsubscribe(
    trigger: string,
    input: unknown,
    subscription: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<WebhookOutcome>;
  /** One delivery through the sandbox, as serve handles it: `verify` (with the subscription), then `parse`. */
  deliver(
    trigger: string,
    input: unknown,
    request: WebhookRequest,
    subscription: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<WebhookOutcome>;
  /** Stops the sandboxes and removes the run store. */
  close(): Promise<void>;
}

const CONNECTION = 'conformance';

/**
 * Loads a built connector for conformance tests: every call runs through the same runtime,
 * manifest contract, sandbox and egress rules that `mova-connector run` uses.
 * @example
 * const connector = await loadConnector({ dir: new URL('..', import.meta.url) });
 * const result = await connector.run('issues.create', { owner: 'o', repo: 'r', title: 't' }, { auth: { token, baseUrl } });
 * expect(result).toMatchObject({ status: 'completed', output: { number: 1 } });
 * await connector.close();
 */
export async function loadConnector(options: ConformanceOptions): Promise<ConnectorUnderTest> {
  const dir = resolve(typeof options.dir === 'string' ? options.dir : fileURLToPath(options.dir));
  const folder = WorkspaceSource.folder(dir);
  const [name] = await folder.packages();
  if (!name) {
    throw new SourceError(
      `${dir} holds no built connector: run mova-connector build there first`,
      'The tests load the bundle that mova-connector build writes to dist/; build before testing.',
    );
  }
  const [version = ''] = await folder.versions(name);
  const { manifest } = await folder.fetch(name, version);
  // Workflows name connectors by scoped package; an unscoped one (init's default, before it gets a
  // scope to publish under) is called under a local alias.
  const ref = name.startsWith('@') ? name : `@local/${name}`;
  const source = ref === name ? folder : aliased(folder, ref, name);
  const host = new SandboxHost({
    ...(options.isolation ? { isolation: options.isolation } : {}),
    allowHosts: options.allowHosts ?? [],
  });
  const isolation: Isolation = host.isolationOf(manifest);
  const storeDir = await mkdtemp(join(tmpdir(), 'mova-conformance-'));
  let current: Connection | undefined;
  const connections = { get: async (wanted: string) => (wanted === CONNECTION ? current : undefined) };
  const runtime: Runtime = createRuntime({
    sources: [source],
    host,
    store: new FileRunStore(storeDir),
    connections,
  });
  const label = `${name}@${version}`;
  const timeout = options.timeoutMs ?? 30_000;
  const needsConnection = manifest.auth.kind !== 'none';

  const context = { resolver: runtime.resolver, host, connections, defaultTimeoutMs: timeout };
  const webhookCall = async (
    trigger: string,
    callOptions: CallOptions,
    call: (
      uses: string,
      options: { connection: string; timeoutMs: number },
    ) => Promise<Omit<WebhookOutcome, 'status' | 'connector' | 'isolation'>>,
  ): Promise<WebhookOutcome> => {
    current = { connector: ref, auth: callOptions.auth ?? {} };
    try {
      const done = await call(`${ref}/${trigger}@${version}`, {
        connection: CONNECTION,
        timeoutMs: callOptions.timeoutMs ?? timeout,
      });
      record({ package: name, version, key: trigger, kind: 'trigger', status: 'completed', isolation });
      return { status: 'completed', ...done, connector: label, isolation };
    } catch (error) {
      record({ package: name, version, key: trigger, kind: 'trigger', status: 'failed', isolation });
      return { status: 'failed', error: toStepError(error).info(), connector: label, isolation };
    }
  };

  return {
    manifest,
    isolation,
    async run(action, input, callOptions = {}) {
      current = { connector: ref, auth: callOptions.auth ?? {} };
      const withConnection = needsConnection || callOptions.auth !== undefined;
      const result = await runtime.run(
        oneStep(
          `${ref}/${action}@${version}`,
          input,
          callOptions.timeoutMs ?? timeout,
          withConnection ? ref : undefined,
        ),
        { with: input ?? {} },
      );
      record({ package: name, version, key: action, kind: 'action', status: result.status, isolation });
      return {
        status: result.status,
        ...(result.status === 'completed' ? { output: result.output } : {}),
        ...(result.error ? { error: result.error } : {}),
        connector: label,
        isolation,
      };
    },
    async poll(trigger, input, callOptions = {}) {
      current = { connector: ref, auth: callOptions.auth ?? {} };
      try {
        const result = await runtime.poll(`${ref}/${trigger}@${version}`, {
          input,
          connection: CONNECTION,
          timeoutMs: callOptions.timeoutMs ?? timeout,
          ...(callOptions.state ? { state: callOptions.state } : {}),
        });
        record({ package: name, version, key: trigger, kind: 'trigger', status: 'completed', isolation });
        return { status: 'completed', items: result.items, state: result.state, connector: label, isolation };
      } catch (error) {
        record({ package: name, version, key: trigger, kind: 'trigger', status: 'failed', isolation });
        return { status: 'failed', items: [], error: toStepError(error).info(), connector: label, isolation };
      }
    },
    async subscribe(trigger, input, url, callOptions = {}) {
      return webhookCall(trigger, callOptions, async (uses, options) => {
        const { subscription } = await webhookTrigger.subscribe(context, uses, url, { ...options, input });
        return { subscription };
      });
    },
    async unsubscribe(trigger, input, subscription, callOptions = {}) {
      return webhookCall(trigger, callOptions, async (uses, options) => {
        await webhookTrigger.unsubscribe(context, uses, subscription, { ...options, input });
        return {};
      });
    },
    async deliver(trigger, input, request, subscription, callOptions = {}) {
      return webhookCall(trigger, callOptions, async (uses, options) => {
        const delivered = await webhookTrigger.deliver(context, uses, request, subscription, { ...options, input });
        return delivered.verified ? { verified: true, items: delivered.items } : { verified: false };
      });
    },
    async close() {
      await runtime.close();
      await rm(storeDir, { recursive: true, force: true });
    },
  };
}

/** `folder`'s one package `name`, answered under the scoped name `ref`. */
function aliased(folder: ConnectorSource, ref: string, name: string): ConnectorSource {
  return {
    label: folder.label,
    versions: async (pkg, options) => (pkg === ref ? folder.versions(name, options) : []),
    fetch: async (pkg, version, options) => {
      if (pkg !== ref) throw new SourceError(`${folder.label} has no ${pkg}`, `Test ${ref} here.`);
      return { ...(await folder.fetch(name, version, options)), package: ref };
    },
    packages: async () => [ref],
  };
}

/** A workflow whose single step calls `uses` with the workflow input `with`, so no value is read as a template. */
function oneStep(uses: string, input: unknown, timeoutMs: number, connector: string | undefined): Workflow {
  const fields = input !== null && typeof input === 'object' && !Array.isArray(input) ? Object.keys(input) : [];
  const withValue = Object.fromEntries(fields.map((field) => [field, `{{ inputs.with.\`${field}\` }}`]));
  return {
    mova: '1.0',
    name: 'conformance',
    inputs: { type: 'object' },
    ...(connector ? { connections: { [CONNECTION]: { connector } } } : {}),
    steps: [
      {
        id: 'call',
        uses,
        with: withValue,
        timeout: `${timeoutMs}ms`,
        ...(connector ? { connection: CONNECTION } : {}),
      },
    ],
  };
}

interface CoverageRecord {
  package: string;
  version: string;
  key: string;
  kind: 'action' | 'trigger';
  status: string;
  isolation: Isolation;
}

/** Appends what ran to the coverage log the test run asked for (see CONFORMANCE_LOG_ENV). */
function record(entry: CoverageRecord): void {
  const dir = process.env[CONFORMANCE_LOG_ENV];
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, `${process.pid}.jsonl`), `${JSON.stringify(entry)}\n`);
}
