import { mkdir } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Ownership } from './access/ownership.js';
import { type CreatedAdmin, ensureAdmins } from './admins.js';
import { defaultDataDir } from './data-dir.js';
import { RegistryError } from './errors.js';
import { Downloads } from './marketplace/downloads.js';
import type { Indexer } from './marketplace/indexer.js';
import { ManifestCache } from './marketplace/manifest-cache.js';
import { MarketplaceIndex } from './marketplace/marketplace-index.js';
import { holdStorage } from './storage-lock.js';
import { type LogLevel, verdaccioConfig } from './verdaccio/config.js';
import { movaPlugin } from './verdaccio/plugin.js';
import { withoutVerdaccioSearchIndex } from './verdaccio/search-index.js';
import { type PackageRepair, repairStorage } from './verdaccio/storage-repair.js';

/** The data dir's file of manifests read out of tarballs, so a restart reads no tarball twice. */
export const MANIFEST_CACHE_FILE = 'marketplace-manifests.json';

/** The scope MOVA's first-party connectors live in; only its configured owners publish there. */
export const MOVA_SCOPE = '@mova';

export interface RegistryOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback by default; the registry is for this machine unless you say otherwise. */
  host?: string;
  /** The data dir: packages, users (htpasswd), owners, download counts, the manifests read out of tarballs. Default: {@link defaultDataDir}. */
  storage?: string;
  /** A registry to fetch packages this one does not hold, e.g. `https://registry.npmjs.org/`. None by default. */
  uplink?: string;
  /**
   * Users who may unpublish, publish anywhere, and own `@mova`. An admin without an account gets one
   * at start, before anyone else could register the name: with its password from `adminPasswords`,
   * or a generated one returned in `createdAdmins`.
   */
  admins?: string[];
  /** Passwords for admin accounts the registry creates at start. */
  adminPasswords?: Record<string, string>;
  /** Reserved scopes and the users who alone may publish into them, e.g. `{ '@mova': ['mova-bot'] }`. */
  owners?: Record<string, string[]>;
  /** Verdaccio's log level (stdout); `warn` by default. */
  logLevel?: LogLevel;
}

export interface Registry {
  /** The registry URL, with a trailing slash: use it as npm's `--registry`. */
  url: string;
  port: number;
  /** The data dir in use. */
  storage: string;
  /** The marketplace index this server answers from. */
  index: MarketplaceIndex;
  /**
   * Resolves once the marketplace index reflects every write answered so far (the index is
   * refreshed just after a publish, deprecate or unpublish is answered).
   */
  indexed(): Promise<void>;
  /** Admin accounts created at this start; a generated password is here once and nowhere else. */
  createdAdmins: CreatedAdmin[];
  /** What this start found half done in storage (a registry killed mid-publish) and put right. */
  repaired: PackageRepair[];
  /**
   * Stops taking connections, lets the requests in progress be answered, waits for the index
   * refreshes they asked for and writes what is pending (download counts, the manifest cache):
   * once it resolves, the registry neither reads nor writes its data dir.
   */
  close(): Promise<void>;
}

function reservedScopes(options: RegistryOptions): Map<string, string[]> {
  const reserved = new Map<string, string[]>();
  for (const [scope, users] of Object.entries(options.owners ?? {})) {
    if (!/^@[a-z0-9][a-z0-9._-]*$/.test(scope)) {
      throw new RegistryError(
        'E_REGISTRY_OPTIONS',
        `owners: "${scope}" is not a scope`,
        'Write scopes with their @, e.g. { "@mova": ["alice"] }.',
      );
    }
    reserved.set(scope, [...users]);
  }
  reserved.set(MOVA_SCOPE, [...new Set([...(options.admins ?? []), ...(reserved.get(MOVA_SCOPE) ?? [])])]);
  return reserved;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolveListen, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      reject(
        new RegistryError(
          'E_REGISTRY_LISTEN',
          `the registry could not listen on ${host}:${port}: ${error.message}`,
          error.code === 'EADDRINUSE' ? 'Pick another port, or 0 for any free one.' : undefined,
          { cause: error },
        ),
      );
    };
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolveListen((server.address() as AddressInfo).port);
    });
  });
}

/** How long close() lets requests being answered finish before it cuts them off. */
const CLOSE_GRACE_MS = 5_000;

/** The responses a server has not finished (or lost to their client) yet. */
function responsesInProgress(server: Server): { done(): Promise<void> } {
  const open = new Set<ServerResponse>();
  const waiting: Array<() => void> = [];
  server.on('request', (_request: IncomingMessage, response: ServerResponse) => {
    open.add(response);
    response.once('close', () => {
      open.delete(response);
      if (open.size === 0) for (const wake of waiting.splice(0)) wake();
    });
  });
  return {
    done: () => (open.size === 0 ? Promise.resolve() : new Promise<void>((wake) => waiting.push(wake))),
  };
}

/**
 * Starts a MOVA registry: Verdaccio serving the npm API (publish with a token, scopes owned by their
 * first publisher, immutable versions, unpublish by admins only, anonymous reads) and, on the same
 * port, the marketplace API under `/-/mova/v1/`. Resolves once everything already in storage is indexed.
 * @example
 * const registry = await startRegistry({ storage: '/tmp/reg', admins: ['alice'] });
 * // npm publish --registry ${registry.url}
 * await registry.close();
 */
export async function startRegistry(options: RegistryOptions = {}): Promise<Registry> {
  const dataDir = resolve(options.storage ?? defaultDataDir());
  await mkdir(dataDir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
    throw new RegistryError(
      'E_REGISTRY_STORAGE',
      `the registry cannot keep its data in ${dataDir}: ${error.code === 'EEXIST' || error.code === 'ENOTDIR' ? 'a file is in the way, not a folder' : error.message}`,
      'Give a folder (new or one a registry used before) that you can write to.',
      { cause: error },
    );
  });
  const release = await holdStorage(dataDir);
  try {
    return await serve(options, dataDir, release);
  } catch (error) {
    await release();
    throw error;
  }
}

async function serve(options: RegistryOptions, dataDir: string, release: () => Promise<void>): Promise<Registry> {
  const host = options.host ?? '127.0.0.1';
  const repaired = await repairStorage(join(dataDir, 'storage'));
  for (const repair of repaired) {
    const what = [
      ...repair.droppedVersions.map((version) => `version ${version} whose tarball never landed`),
      ...repair.removedFiles.map((file) => file),
    ];
    process.emitWarning(
      `put right what a stopped publish left in ${repair.package}: ${what.join(', ')}`,
      'MovaRegistryWarning',
    );
  }
  const admins = new Set(options.admins ?? []);
  const createdAdmins = await ensureAdmins(dataDir, [...admins], options.adminPasswords);
  const ownership = await Ownership.load(join(dataDir, 'owners.json'), reservedScopes(options));
  const downloads = await Downloads.load(join(dataDir, 'downloads.json'));
  const manifests = await ManifestCache.load(join(dataDir, MANIFEST_CACHE_FILE));
  const index = new MarketplaceIndex(downloads);
  let indexer: Indexer | undefined;
  const plugin = movaPlugin({
    ownership,
    admins,
    index,
    downloads,
    manifests,
    onReady: (ready) => (indexer = ready),
  });
  let handedOver = 0;
  const connect = () => {
    handedOver += 1;
    return plugin;
  };
  // Verdaccio takes a third of a second to load; pay it only when a registry starts.
  const { runServer } = await import('verdaccio');
  withoutVerdaccioSearchIndex();
  const config = verdaccioConfig({ dataDir, connect, uplink: options.uplink, logLevel: options.logLevel ?? 'warn' });
  const server: Server = await runServer(config);
  // Verdaccio only logs a plugin that fails to load and runs on without it: without ownership rules.
  if (handedOver !== 2 || !indexer) {
    throw new RegistryError(
      'E_REGISTRY_PLUGIN',
      'Verdaccio started without the verdaccio-mova plugin',
      'Reinstall @mova/registry: its verdaccio-plugins folder is missing or damaged.',
    );
  }
  const ready = indexer;
  const answering = responsesInProgress(server);
  await ready.rebuild();
  const port = await listen(server, options.port ?? 0, host);
  const hostInUrl = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${hostInUrl}:${port}/`,
    port,
    storage: dataDir,
    index,
    createdAdmins,
    repaired,
    indexed: () => ready.settled(),
    async close() {
      const closed = new Promise<void>((done) => server.close(() => done()));
      // A request being answered is let finish: cut off, its handler would go on writing and
      // reading storage after close (a publish past its checks, say) while nothing waits for it.
      // Bounded: a request stuck on a slow uplink (Verdaccio waits 30 s) or a client that never reads
      // its answer must not hold close up; after the bound it is cut off as before.
      server.closeIdleConnections();
      await Promise.race([answering.done(), delay(CLOSE_GRACE_MS, undefined, { ref: false })]);
      server.closeAllConnections();
      await closed;
      // The index refreshes those requests asked for, and the manifest cache writes they make.
      await ready.idle();
      await manifests.flush();
      await downloads.flush();
      await release();
    },
  };
}
