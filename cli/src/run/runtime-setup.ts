import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  type ConnectionProvider,
  createRuntime,
  type RunStore,
  type Runtime,
  type RuntimeOptions,
} from '@mova/runtime';
import { AuditLog } from '@mova/runtime/audit';
import { hostRuleProblem } from '@mova/runtime/sandbox';
import { Flags, type Interfaces } from '@oclif/core';
import { displayPath } from '../paths.js';
import { UserError } from '../user-error.js';
import { openConnections } from './connections.js';
import { connectorSources } from './connector-sources.js';
import { dataDirOf, runStoreFlags } from './flags.js';
import { hidingLocal, type LocalConnector, openLocalConnectors } from './local-connectors.js';
import { findLockfile } from './lockfile.js';
import { type OpenedRunStore, openRunStore } from './run-store.js';

/** The flags `run`, `serve` and `worker` share: connections, local connector folders, hosts and the run store. */
export const runtimeFlags = {
  connections: Flags.string({
    description: 'a JSON file of connections: {"<name>": {"connector": "github", "auth": {...}}}',
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
      'a local connector package folder to use instead of its installed versions (built first when its source changed; the lockfile is then not used)',
  }),
  'allow-host': Flags.string({
    multiple: true,
    multipleNonGreedy: true,
    description: 'a host http_fetch steps may call (api.example.com, *.example.com, 127.0.0.1:8080)',
  }),
  ...runStoreFlags,
};

/** What `setUpRuntime` reads of the parsed `runtimeFlags`. */
export interface RuntimeFlags {
  connections?: string;
  vault?: string;
  'data-dir'?: string;
  store?: string;
  connector?: string[];
  'allow-host'?: string[];
}

export interface RuntimeSetupOptions {
  config: Interfaces.Config;
  /** Where the checkout's `connectors/` folder is looked for. */
  sourcesDir: string;
  /** A file whose folder (or one above it) may hold the mova.lock.json that pins every connector. */
  lockfileNear: string;
  /** Runs a rebuild of a local connector folder with a progress line (`MovaCommand.step`). */
  step: <T>(title: string, work: (status: (text: string) => void) => Promise<T>) => Promise<T>;
  /** Wraps the opened store (the worker names itself on every step it records). */
  wrapStore?: (store: RunStore) => RunStore;
  /** What the command adds to the runtime: metrics, longer waits, its own sandbox host. */
  runtime?: Pick<RuntimeOptions, 'metrics' | 'limits' | 'host'>;
}

/** A runtime and what the command closes or reports about after it. */
export interface RuntimeSetup {
  runtime: Runtime;
  connections: ConnectionProvider;
  opened: OpenedRunStore;
  audit: AuditLog;
  dataDir: string;
  locals: LocalConnector[];
  /** The lockfile near `lockfileNear`, also when local connector folders make the run ignore it. */
  lockfile?: string;
}

/** `--dir` of `serve` and `worker`: the project folder, in place of MovaCommand's connector package folder. */
export const projectBaseFlags = {
  dir: Flags.directory({ description: 'the project folder with the workflows', default: '.', helpGroup: 'GLOBAL' }),
};

/** The project folder of `serve` and `worker` (`--dir`), refused when it is not a folder. */
export async function projectDir(flag: string): Promise<string> {
  const dir = resolve(flag);
  if (!(await stat(dir).catch(() => undefined))?.isDirectory()) {
    throw new UserError(
      `--dir ${displayPath(dir)} is not a folder`,
      'Give the project folder that holds the workflows.',
    );
  }
  return dir;
}

/** Refuses an --allow-host rule the sandbox could not apply; call it before anything is opened. */
export function checkAllowHosts(rules: string[] | undefined): void {
  for (const rule of rules ?? []) {
    const problem = hostRuleProblem(rule);
    if (problem) {
      throw new UserError(
        `--allow-host ${problem}`,
        'Give a host name, *.domain, an IP address or [IPv6], each with an optional :port.',
      );
    }
  }
}

/**
 * What `run`, `serve` and `worker` build the same way: connections (file, environment, Vault), the
 * run store, local connector folders (`--connector`, rebuilt when changed), the lockfile, the
 * connector sources and the audit log, put together into one runtime.
 */
export async function setUpRuntime(flags: RuntimeFlags, options: RuntimeSetupOptions): Promise<RuntimeSetup> {
  const connections = await openConnections(flags.connections, flags.vault);
  const dataDir = dataDirOf(flags['data-dir'], options.config);
  const opened = await openRunStore(flags.store, dataDir);
  const locals = await openLocalConnectors(flags.connector ?? [], (reason, work) =>
    options.step(`Building the local connector (${reason})`, work),
  );
  const found = await findLockfile(options.lockfileNear);
  const lockfile = locals.length > 0 ? undefined : found;
  const sources = await connectorSources(options.sourcesDir, dataDir);
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
    // The registry config (npmrc reading, its packages) loads only for a locked run.
    ...(lockfile ? { lockfile, registry: await (await import('../registry/config.js')).lockedDownloads() } : {}),
    store: options.wrapStore ? options.wrapStore(opened.store) : opened.store,
    connections,
    allowHosts: flags['allow-host'] ?? [],
    audit,
    ...options.runtime,
  });
  return { runtime, connections, opened, audit, dataDir, locals, ...(found === undefined ? {} : { lockfile: found }) };
}
