import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Manifest } from '@mova/sdk';
import type { ConnectorHost, ConnectorTarget, InvokeOptions } from '../host/types.js';
import type { SandboxFactory } from './channel.js';
import { SandboxError } from './errors.js';
import { ConnectionPathError, connectionHosts, connectionPaths } from './policy.js';
import { type PoolOptions, VersionPool } from './pool.js';
import { type IdleFactory, SpareSandbox } from './spare.js';
import { idleWorker, workerSandbox } from './worker-sandbox.js';

export type Isolation = 'worker' | 'process';

export interface SandboxHostOptions {
  /**
   * `worker` for all, `process` for all, or a choice per connector. By default connectors of the
   * trusted scopes run in worker threads and every other one in a process sandbox.
   */
  isolation?: Isolation | ((manifest: Manifest) => Isolation);
  /** Package scopes whose connectors count as trusted first-party code. */
  trustedScopes?: string[];
  /** Hosts every connector may reach besides its manifest's (e.g. `127.0.0.1` for a local service). */
  allowHosts?: string[];
  /** Sandboxes kept warm per connector version at most (default 2). */
  maxSandboxes?: number;
  /** Calls one sandbox runs at once (default 1: a crash then fails no one else's step). */
  callsPerSandbox?: number;
  /** V8 heap cap per sandbox in MiB (default 256). */
  memoryMb?: number;
  /** Resident memory cap of a process sandbox in MiB: heap, buffers and code together (default 512). */
  rssMb?: number;
  /** A sandbox whose bundle has not finished loading by then is killed (default 10 000 ms). */
  loadTimeoutMs?: number;
  /** Largest action output in bytes of JSON when the caller gives none (default 10 MiB). */
  maxOutputBytes?: number;
  /** How long a timed-out action may take to notice its abort before its sandbox is killed (default 1000 ms). */
  abortGraceMs?: number;
  /** An idle sandbox is stopped after this long (default 60 s). */
  idleMs?: number;
  /**
   * Process sandboxes inside OS namespaces (bubblewrap on Linux) with egress only through a host
   * proxy: `auto` (default) uses them where available and falls back to the weak in-process guard
   * elsewhere, `require` refuses to run a process-sandboxed connector without them, `off` never
   * uses them. Default from `MOVA_SANDBOX` (`strict` → require, `weak` → off).
   */
  osSandbox?: 'auto' | 'require' | 'off';
  /**
   * Keep one spare sandbox of each kind in use started ahead, with no connector, so that a
   * connector's first call binds it instead of waiting for a spawn (default true). A bound spare
   * serves its connector for good; connectors granted files never take one.
   */
  spare?: boolean;
}

/**
 * The files the connection names for a connector that declares `fs.connectionPaths`, refused with
 * a step error the user can act on when one is not a path the sandbox can grant.
 */
function grantedFiles(manifest: Manifest, auth: unknown): string[] {
  const connector = `${manifest.package}@${manifest.version}`;
  let files: string[];
  try {
    files = connectionPaths(manifest, auth);
  } catch (error) {
    if (!(error instanceof ConnectionPathError)) throw error;
    throw new SandboxError('files', error.message, { connector, hint: error.hint });
  }
  for (const dir of new Set(files.map((file) => dirname(file)))) {
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
      throw new SandboxError('files', `the directory ${dir} of the file the connection names does not exist`, {
        connector,
        hint: 'Create the directory, or correct the path in the connection.',
      });
    }
  }
  return files;
}

function knownKey(target: ConnectorTarget, authJson: string): string {
  return `${target.integrity}\u0000${target.bundlePath}\u0000${authJson}`;
}

/**
 * `MOVA_ISOLATION=process` puts every connector, first-party ones too, in a process sandbox (in OS
 * namespaces where available): for deployments that do not trust first-party vendor SDKs either.
 */
function isolationFromEnv(env: Record<string, string | undefined> = process.env): Isolation | undefined {
  const value = env.MOVA_ISOLATION?.toLowerCase();
  return value === 'process' || value === 'worker' ? value : undefined;
}

/** `MOVA_SANDBOX=strict` refuses weak sandboxes, `MOVA_SANDBOX=weak` turns the OS sandbox off. */
export function osSandboxMode(env: Record<string, string | undefined> = process.env): 'auto' | 'require' | 'off' {
  const value = env.MOVA_SANDBOX?.toLowerCase();
  return value === 'strict' ? 'require' : value === 'weak' ? 'off' : 'auto';
}

/**
 * Runs connector actions off the runtime's main thread: warm pools per connector version, each
 * call with a timeout that kills a sandbox that will not stop, a crash failing only its own step,
 * network egress limited to declared hosts, and the connection handed only to the sandbox that runs
 * the step (never through the environment, which sandboxes get empty).
 * @example
 * const runtime = createRuntime({ host: new SandboxHost({ allowHosts: ['127.0.0.1'] }) });
 */
export class SandboxHost implements ConnectorHost {
  private readonly pools = new Map<string, VersionPool>();
  /** Pools by manifest object, then by bundle and connection (see knownPool). */
  private known = new WeakMap<Manifest, Map<string, VersionPool>>();
  /** Where each pool is in `known`, so that forget can take it out. */
  private readonly knownKeys = new Map<VersionPool, Array<[Map<string, VersionPool>, string]>>();
  private readonly choose: (manifest: Manifest) => Isolation;
  private readonly poolOptions: PoolOptions;
  private readonly extraHosts: string[];
  private readonly osMode: 'auto' | 'require' | 'off';
  private processFactory: Promise<SandboxFactory> | undefined;
  private readonly spareOn: boolean;
  /** The spare of each sandbox kind in use, by the factory it stands in for. */
  private readonly spares = new Map<SandboxFactory, SpareSandbox>();
  private readonly workerFactory: SandboxFactory;

  constructor(options: SandboxHostOptions = {}) {
    const trusted = options.trustedScopes ?? ['@mova/'];
    const fixed = options.isolation ?? isolationFromEnv();
    const chosen: (manifest: Manifest) => Isolation =
      typeof fixed === 'function'
        ? fixed
        : fixed
          ? () => fixed
          : (m) => (trusted.some((scope) => m.package.startsWith(scope)) ? 'worker' : 'process');
    // A worker thread shares the host's file access (and Node 22 does not enforce the permission
    // model in workers), so a connector that opens files always gets a process of its own.
    this.choose = (m) => ((m.fs?.connectionPaths ?? []).length > 0 ? 'process' : chosen(m));
    this.poolOptions = {
      maxSandboxes: options.maxSandboxes ?? 2,
      callsPerSandbox: options.callsPerSandbox ?? 1,
      abortGraceMs: options.abortGraceMs ?? 1000,
      idleMs: options.idleMs ?? 60_000,
      loadTimeoutMs: options.loadTimeoutMs ?? 10_000,
      maxOutputBytes: options.maxOutputBytes ?? 10 * 1024 * 1024,
      limits: { memoryMb: options.memoryMb ?? 256, rssMb: options.rssMb ?? 512 },
    };
    this.extraHosts = options.allowHosts ?? [];
    this.osMode = options.osSandbox ?? osSandboxMode();
    this.spareOn = options.spare ?? true;
    this.workerFactory = this.withSpare(workerSandbox, idleWorker);
  }

  /**
   * Starts the spare sandbox of a kind now (a server does it at start, so even its first connector
   * loads without a spawn); resolves once the spare waits for its connector. Does nothing with
   * `spare: false`.
   */
  async startSpare(isolation: Isolation): Promise<void> {
    const factory = isolation === 'worker' ? this.workerFactory : await this.processSandbox('a spare sandbox');
    await this.spares.get(factory)?.warm();
  }

  private withSpare(fresh: SandboxFactory, idle: IdleFactory): SandboxFactory {
    if (!this.spareOn) return fresh;
    const spare = new SpareSandbox(idle, this.poolOptions.limits, this.poolOptions.idleMs);
    const factory = spare.wrap(fresh);
    this.spares.set(factory, spare);
    return factory;
  }

  invoke(
    target: ConnectorTarget,
    actionKey: string,
    input: unknown,
    auth: unknown,
    options: InvokeOptions,
  ): Promise<unknown> {
    let known: VersionPool | undefined;
    try {
      known = this.knownPool(target, auth);
    } catch (error) {
      return Promise.reject(error);
    }
    // The pool reads only the fields CallOptions names; no per-call copy of them. A warm call
    // returns the pool's own promise: no async wrapper, no extra ticks.
    if (known) return known.call(actionKey, input, auth, options);
    return this.callCold(target, actionKey, input, auth, options);
  }

  /** Where a connector runs here: a worker thread (trusted scopes) or a process sandbox. */
  isolationOf(manifest: Manifest): Isolation {
    return this.choose(manifest);
  }

  /**
   * How strong the process sandbox is on this machine: `strong` inside OS namespaces with egress
   * through the host proxy, `weak` with Node's permission model and the in-process guard only.
   */
  async processSandboxStrength(): Promise<{ strength: 'strong' | 'weak'; reason?: string }> {
    if (this.osMode === 'off') return { strength: 'weak', reason: 'the OS sandbox is turned off (MOVA_SANDBOX=weak)' };
    const { osSandboxStatus } = await import('./os-sandbox.js');
    const status = await osSandboxStatus();
    return status.available ? { strength: 'strong' } : { strength: 'weak', reason: status.reason };
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    this.knownKeys.clear();
    this.known = new WeakMap();
    await Promise.all([
      ...pools.map((pool) => pool.close()),
      ...[...this.spares.values()].map((spare) => spare.close()),
    ]);
  }

  /**
   * One pool per connector version and connection: a warm sandbox never serves two connections, so
   * nothing one connection's call leaves in memory reaches another's, and its egress allow-list
   * holds only its own connection's hosts. The call starts in the same turn as the pool is found in
   * the map: a pool left with no sandbox and no call leaves the maps (forget), and one found there
   * is busy again before anything else runs.
   */
  private async callCold(
    target: ConnectorTarget,
    actionKey: string,
    input: unknown,
    auth: unknown,
    options: InvokeOptions,
  ): Promise<unknown> {
    const isolation = this.choose(target.manifest);
    const authJson = JSON.stringify(auth ?? null);
    const connection = createHash('sha256').update(authJson).digest('base64url');
    const network = [
      ...new Set([...target.manifest.network.allow, ...this.extraHosts, ...connectionHosts(target.manifest, auth)]),
    ].sort();
    const files = grantedFiles(target.manifest, auth);
    const id = [isolation, target.integrity, target.bundlePath, connection, network.join(' '), files.join(' ')].join(
      '\u0000',
    );
    let pool = this.pools.get(id);
    if (!pool) {
      const label = `${target.manifest.package}@${target.manifest.version}`;
      const factory = isolation === 'worker' ? this.workerFactory : await this.processSandbox(label);
      pool = this.pools.get(id);
      if (!pool) {
        const spec = { bundle: target.bundlePath, network, label, ...(files.length > 0 ? { files } : {}) };
        const created: VersionPool = new VersionPool(spec, factory, this.poolOptions, () => this.forget(id, created));
        this.pools.set(id, created);
        pool = created;
      }
    }
    if (files.length === 0) this.remember(target, authJson, pool);
    return pool.call(actionKey, input, auth, options);
  }

  /**
   * The pool an earlier call with this manifest, bundle and connection found: everything callCold
   * derives (isolation, hosts, the connection's hash) follows from those, so a warm call skips the
   * hashing. Connectors granted files are never remembered: their directories are checked per call.
   */
  private knownPool(target: ConnectorTarget, auth: unknown): VersionPool | undefined {
    return this.known.get(target.manifest)?.get(knownKey(target, JSON.stringify(auth ?? null)));
  }

  private remember(target: ConnectorTarget, authJson: string, pool: VersionPool) {
    let byConnection = this.known.get(target.manifest);
    if (!byConnection) {
      byConnection = new Map();
      this.known.set(target.manifest, byConnection);
    }
    const key = knownKey(target, authJson);
    if (byConnection.get(key) === pool) return;
    byConnection.set(key, pool);
    const keys = this.knownKeys.get(pool);
    if (keys) keys.push([byConnection, key]);
    else this.knownKeys.set(pool, [[byConnection, key]]);
  }

  /**
   * Drops an empty pool (no sandbox, no call) from the maps, so that a connection seen once (a
   * refreshed OAuth2 token set, say) holds no pool and no auth JSON for the host's lifetime.
   * Nothing is closed: an empty pool has nothing to stop, and the next call makes a new pool.
   */
  private forget(id: string, pool: VersionPool) {
    if (this.pools.get(id) === pool) this.pools.delete(id);
    for (const [byConnection, key] of this.knownKeys.get(pool) ?? []) {
      if (byConnection.get(key) === pool) byConnection.delete(key);
    }
    this.knownKeys.delete(pool);
  }

  private async processSandbox(connector: string): Promise<SandboxFactory> {
    this.processFactory ??= (async () => {
      // The process and OS sandboxes (and the egress proxy) load when first needed: a host whose
      // connectors all run in workers, or a run with no connector at all, never needs them.
      const [{ idleProcess, processSandbox }, { idleOsSandbox, osSandbox, osSandboxStatus }] = await Promise.all([
        import('./process-sandbox.js'),
        import('./os-sandbox.js'),
      ]);
      if (this.osMode === 'off') return this.withSpare(processSandbox, idleProcess);
      const status = await osSandboxStatus();
      if (status.available && status.bwrap) return this.withSpare(osSandbox(status.bwrap), idleOsSandbox(status.bwrap));
      if (this.osMode === 'require') {
        throw new SandboxError('load', `no OS sandbox here: ${status.reason}`, {
          connector,
          hint: 'Install bubblewrap, or unset MOVA_SANDBOX=strict to accept the weak in-process sandbox.',
        });
      }
      return this.withSpare(processSandbox, idleProcess);
    })();
    return this.processFactory;
  }
}
