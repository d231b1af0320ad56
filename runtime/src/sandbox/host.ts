import type { Manifest } from '@mova/sdk';
import type { ConnectorHost, ConnectorTarget, InvokeOptions } from '../host/types.js';
import type { SandboxFactory } from './channel.js';
import { connectionHosts } from './policy.js';
import { type PoolOptions, VersionPool } from './pool.js';
import { processSandbox } from './process-sandbox.js';
import { workerSandbox } from './worker-sandbox.js';

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
  /** How long a timed-out action may take to notice its abort before its sandbox is killed (default 1000 ms). */
  abortGraceMs?: number;
  /** An idle sandbox is stopped after this long (default 60 s). */
  idleMs?: number;
}

const FACTORIES: Record<Isolation, SandboxFactory> = { worker: workerSandbox, process: processSandbox };

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
  private readonly choose: (manifest: Manifest) => Isolation;
  private readonly poolOptions: PoolOptions;
  private readonly extraHosts: string[];

  constructor(options: SandboxHostOptions = {}) {
    const trusted = options.trustedScopes ?? ['@mova/'];
    const fixed = options.isolation;
    this.choose =
      typeof fixed === 'function'
        ? fixed
        : fixed
          ? () => fixed
          : (m) => (trusted.some((scope) => m.package.startsWith(scope)) ? 'worker' : 'process');
    this.poolOptions = {
      maxSandboxes: options.maxSandboxes ?? 2,
      callsPerSandbox: options.callsPerSandbox ?? 1,
      abortGraceMs: options.abortGraceMs ?? 1000,
      idleMs: options.idleMs ?? 60_000,
      limits: { memoryMb: options.memoryMb ?? 256 },
    };
    this.extraHosts = options.allowHosts ?? [];
  }

  invoke(
    target: ConnectorTarget,
    actionKey: string,
    input: unknown,
    auth: unknown,
    options: InvokeOptions,
  ): Promise<unknown> {
    return this.poolFor(target).call(actionKey, input, auth, {
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      log: options.log,
      hosts: connectionHosts(target.manifest, auth),
      ...(options.poll ? { poll: options.poll } : {}),
    });
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }

  private poolFor(target: ConnectorTarget): VersionPool {
    const isolation = this.choose(target.manifest);
    const id = `${isolation}\u0000${target.integrity}\u0000${target.bundlePath}`;
    let pool = this.pools.get(id);
    if (!pool) {
      const label = `${target.manifest.package}@${target.manifest.version}`;
      const network = [...target.manifest.network.allow, ...this.extraHosts];
      pool = new VersionPool({ bundle: target.bundlePath, network, label }, FACTORIES[isolation], this.poolOptions);
      this.pools.set(id, pool);
    }
    return pool;
  }
}
