import { mkdtempSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { FromSandbox, Sandbox, SandboxExit, SandboxFactory, SandboxLimits, SandboxSpec } from './channel.js';

/**
 * A sandbox spawned before any connector needs it: it holds no connector, no connection and no
 * hosts, and waits for one `bind` (sandbox-entry/spare.mjs). Bound once, it is that connector's for
 * good: nothing hands a bound sandbox back.
 */
export interface IdleSandbox {
  /** From now on the sandbox serves `spec` only; the pool talks to what this returns. */
  bind(spec: SandboxSpec): Sandbox;
  /** Resolves once the sandbox has started and waits for its connector. */
  readonly waiting: Promise<void>;
  /** False once it has exited: a dead spare is never bound. */
  readonly alive: boolean;
  kill(): Promise<void>;
}

/** How long killing a spare waits for it to finish starting. */
const START_WAIT_MS = 10_000;

/** Spawns an idle sandbox with the host's limits: the only settings fixed before a connector is known. */
export type IdleFactory = (limits: SandboxLimits) => IdleSandbox;

/**
 * An idle sandbox over a started one. `prepare` runs at bind time and returns the spec the sandbox
 * gets (a process sandbox mirrors the connector's folder into the folder it may read); if it fails,
 * the sandbox is killed and its exit names why. `killAfterStart`: see the kill below.
 */
export function idleOver(
  sandbox: Sandbox,
  prepare: (spec: SandboxSpec) => SandboxSpec | Promise<SandboxSpec>,
  { killAfterStart = false } = {},
): IdleSandbox {
  let alive = true;
  let bindError: Error | undefined;
  let started!: () => void;
  const waiting = new Promise<void>((resolve) => {
    started = resolve;
  });
  sandbox.onMessage((message) => {
    if (message.type === 'idle') started();
  });
  sandbox.onExit(() => {
    alive = false;
    started();
  });
  return {
    waiting,
    get alive() {
      return alive;
    },
    bind(spec) {
      // A child process drops IPC messages that arrive before its listener: bind once it waits.
      void (async () => {
        const bound = await prepare(spec);
        await waiting;
        sandbox.send({ type: 'bind', spec: bound });
      })().catch((error: Error) => {
        bindError = error;
        void sandbox.kill();
      });
      return {
        send: (message) => sandbox.send(message),
        onMessage: (listener: (message: FromSandbox) => void) => sandbox.onMessage(listener),
        onExit: (listener: (exit: SandboxExit) => void) =>
          sandbox.onExit((exit) =>
            listener(
              bindError
                ? { outOfMemory: false, reason: `its connector could not be handed over: ${bindError.message}` }
                : exit,
            ),
          ),
        kill: () => sandbox.kill(),
      };
    },
    // bubblewrap killed while it builds the namespaces can leave its inner half behind, holding the
    // sandbox's pipes (and so the host's event loop): an OS spare is killed once it has started.
    kill: async () => {
      if (!killAfterStart) return sandbox.kill();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([waiting, new Promise((resolve) => (timer = setTimeout(resolve, START_WAIT_MS)))]);
      clearTimeout(timer);
      await sandbox.kill();
    },
  };
}

/**
 * One spare sandbox of one kind, kept ready so that loading a connector is "send the bundle path and
 * the hosts, import" instead of spawn and import. The spare is started again after each sandbox of
 * this kind has started (so it never competes with the load a caller waits for), and stopped after
 * `idleMs` unused.
 */
export class SpareSandbox {
  private spare: IdleSandbox | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly spawnIdle: IdleFactory,
    private readonly limits: SandboxLimits,
    private readonly idleMs: number,
  ) {}

  /** A factory that binds the spare when one is alive, else spawns `fresh`; either way a new spare follows. */
  wrap(fresh: SandboxFactory): SandboxFactory {
    return (spec, limits) => {
      const spare = this.take(spec, limits);
      const sandbox = spare ? spare.bind(spec) : fresh(spec, limits);
      let refilled = false;
      const refill = () => {
        if (refilled) return;
        refilled = true;
        this.fill();
      };
      sandbox.onMessage(refill);
      sandbox.onExit(refill);
      return sandbox;
    };
  }

  /** Starts the spare now if there is none; resolves once it waits for a connector. */
  async warm(): Promise<void> {
    this.fill();
    await this.spare?.waiting;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    const spare = this.spare;
    this.spare = undefined;
    await spare?.kill();
  }

  /**
   * Connectors granted files never take the spare: their per-file permission flags and binds are
   * fixed at spawn and cannot be known ahead. Nor does a call with other limits than the spare's.
   */
  private take(spec: SandboxSpec, limits: SandboxLimits): IdleSandbox | undefined {
    const spare = this.spare;
    if (!spare?.alive || (spec.files ?? []).length > 0) return undefined;
    if (limits.memoryMb !== this.limits.memoryMb || limits.rssMb !== this.limits.rssMb) return undefined;
    this.spare = undefined;
    clearTimeout(this.idleTimer);
    return spare;
  }

  private fill(): void {
    if (this.closed || this.spare?.alive) return;
    const spare = this.spawnIdle(this.limits);
    this.spare = spare;
    this.idleTimer = setTimeout(() => {
      if (this.spare !== spare) return;
      this.spare = undefined;
      void spare.kill();
    }, this.idleMs);
    this.idleTimer.unref();
  }
}

/**
 * A private folder for a spare process sandbox: the one folder (besides the sandbox entry) it may
 * read, empty until bind. Returns the folder and a function that fills it with the connector's
 * folder (hard links, copies across file systems) and answers the bundle's path inside it.
 */
export function spareFolder(): { dir: string; fill(bundle: string): Promise<string> } {
  const dir = mkdtempSync(join(tmpdir(), 'mova-spare-'));
  const fill = async (bundle: string) => {
    await mirror(dirname(bundle), dir);
    return join(dir, basename(bundle));
  };
  return { dir, fill };
}

/** Removes a spare's folder (after its sandbox exited). */
export function removeSpareFolder(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/** Regular files and folders only: a link in a connector folder is refused by the stores anyway. */
async function mirror(from: string, to: string): Promise<void> {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) {
      await mkdir(target);
      await mirror(source, target);
    } else if (entry.isFile()) {
      await link(source, target).catch(() => copyFile(source, target));
    }
  }
}
