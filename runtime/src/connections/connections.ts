import { readFile } from 'node:fs/promises';
import { MovaError } from '@mova/sdk/host';
import { isRecord } from '../is-record.js';
import { saveFileTokens } from './file-tokens.js';
import { parseRateLimit, type RateLimit } from './rate-limit.js';
import { type TokenSet, type TokenWrite, withTokens } from './token-set.js';

/** A named connection: the connector it is for and the auth fields its actions receive. */
export interface Connection {
  /** `github` (meaning @mova/connector-github) or a package name such as `@acme/connector-crm`. */
  connector: string;
  auth: Record<string, unknown>;
  /** At most `requests` connector calls per `per` through this connection, shared by all runs (see RateLimiter). */
  rateLimit?: RateLimit;
}

/** Where connections come from. Async, so a vault-backed provider fits later. */
export interface ConnectionProvider {
  get(name: string): Promise<Connection | undefined>;
  /** The names it could give, for "did you mean" when a name is not there. */
  names?(): Promise<string[]>;
  /**
   * Writes an OAuth2 token set a call refreshed into connection `name`, so the next run starts
   * from it; a provider that cannot write leaves this out (the runtime then records `unsupported`).
   */
  saveTokens?(name: string, tokens: TokenSet): Promise<TokenWrite>;
}

/** The connection problem, said so a user can fix it. */
export class ConnectionError extends MovaError {
  declare readonly hint: string;
  constructor(message: string, hint: string) {
    super('E_CONNECTION', message, hint);
  }
}

/** `github-prod` → `MOVA_CONNECTION_GITHUB_PROD`. */
export function connectionEnvName(name: string): string {
  return `MOVA_CONNECTION_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/**
 * Connections from environment variables `MOVA_CONNECTION_<NAME>` (JSON `{ connector, auth }`)
 * first, then from a connections file (JSON `{ "<name>": { connector, auth } }`), so the
 * environment can override a file on one machine, then from `vault` (see vaultConnections).
 * @example
 * const connections = await loadConnections({ file: 'connections.json', env: process.env });
 */
export async function loadConnections(
  options: { file?: string; env?: Record<string, string | undefined>; vault?: ConnectionProvider } = {},
): Promise<ConnectionProvider> {
  const env = envConnections(options.env ?? {});
  const providers = [env];
  if (options.file) {
    const file = options.file;
    const fromFile = await readConnectionsFile(file);
    providers.push({
      async get(name) {
        const entry = Object.hasOwn(fromFile, name) ? fromFile[name] : undefined;
        return entry === undefined ? undefined : checkConnection(entry, `${file}: "${name}"`);
      },
      async names() {
        return Object.keys(fromFile);
      },
      async saveTokens(name, tokens) {
        if (!Object.hasOwn(fromFile, name)) return 'unsupported';
        const { write, auth } = await saveFileTokens(file, name, tokens);
        const entry = fromFile[name];
        if (auth && isRecord(entry)) fromFile[name] = { ...entry, auth };
        return write;
      },
    });
  }
  if (options.vault) providers.push(options.vault);
  return providers.length === 1 ? env : chainConnections(providers);
}

/** Asks each provider in turn: the first that has the name gives the connection, and stores its tokens. */
export function chainConnections(providers: readonly ConnectionProvider[]): ConnectionProvider {
  return {
    async get(name) {
      for (const provider of providers) {
        const found = await provider.get(name);
        if (found) return found;
      }
      return undefined;
    },
    async names() {
      const all = await Promise.all(providers.map(async (provider) => (await provider.names?.()) ?? []));
      return [...new Set(all.flat())];
    },
    async saveTokens(name, tokens) {
      for (const provider of providers) {
        if (!(await provider.get(name))) continue;
        return provider.saveTokens ? provider.saveTokens(name, tokens) : 'unsupported';
      }
      return 'unsupported';
    },
  };
}

/**
 * Connections from `MOVA_CONNECTION_<NAME>` environment variables only. Given `process.env`
 * itself, the variables are moved out of it into memory only this module reads, as they are
 * found: nothing the process starts later (a worker, a child process, a sandbox) and nothing in
 * it that reads `process.env` sees a secret, and every provider over `process.env` still finds
 * them. (The kernel's copy, `/proc/self/environ`, keeps what the process was started with: a
 * launcher that hands them over another way is the only cure, which `mova-connector` is on Linux.)
 * Any other object is read, never changed.
 */
export function envConnections(env: Record<string, string | undefined>): ConnectionProvider {
  const owned = env === process.env;
  if (owned) takeConnectionVariables();
  const read = (variable: string): string | undefined => {
    if (!owned) return env[variable];
    if (process.env[variable] !== undefined) takeConnectionVariables();
    return taken.get(variable);
  };
  return {
    async get(name) {
      const variable = connectionEnvName(name);
      const raw = read(variable);
      return raw === undefined ? undefined : parseConnection(raw, variable);
    },
    async names() {
      if (owned) takeConnectionVariables();
      // MOVA_CONNECTION_GH_PROD: the name was gh-prod or gh_prod; the variable cannot tell which.
      const prefix = connectionEnvName('');
      const variables = owned ? [...taken.keys()] : Object.keys(env).filter((key) => env[key] !== undefined);
      return variables
        .filter((key) => key.startsWith(prefix) && key.length > prefix.length)
        .map((key) => key.slice(prefix.length).toLowerCase().replaceAll('_', '-'));
    },
  };
}

/** `MOVA_CONNECTION_*` values moved out of `process.env`: the process keeps them here, not in its environment. */
const taken = new Map<string, string>();

function takeConnectionVariables(): void {
  const prefix = connectionEnvName('');
  for (const key of Object.keys(process.env)) {
    if (!key.startsWith(prefix) || key.length === prefix.length) continue;
    const value = process.env[key];
    if (value !== undefined) taken.set(key, value);
    delete process.env[key];
  }
}

/**
 * Connections given as an object, e.g. by an embedding application or a test. Refreshed tokens
 * are written into the object (a new `auth` for the connection), so the application can persist them.
 */
export function connectionsFrom(connections: Record<string, Connection>): ConnectionProvider {
  return {
    async get(name) {
      return Object.hasOwn(connections, name) ? connections[name] : undefined;
    },
    async names() {
      return Object.keys(connections);
    },
    async saveTokens(name, tokens) {
      const connection = Object.hasOwn(connections, name) ? connections[name] : undefined;
      if (!connection) return 'unsupported';
      const auth = withTokens(connection.auth, tokens);
      if (!auth) return 'kept';
      connections[name] = { ...connection, auth };
      return 'saved';
    },
  };
}

async function readConnectionsFile(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConnectionError(
      `cannot read the connections file ${file}: ${(error as Error).message}`,
      'Check the path.',
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ConnectionError(
      `the connections file ${file} is not valid JSON: ${(error as Error).message}`,
      'Fix its syntax.',
    );
  }
  if (!isRecord(document)) {
    throw new ConnectionError(
      `the connections file ${file} must hold an object of connections`,
      'Write { "<name>": { "connector": "github", "auth": { ... } } }.',
    );
  }
  return document;
}

function parseConnection(raw: string, where: string): Connection {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    // The message must not echo the value: it holds secrets.
    throw new ConnectionError(`${where} is not valid JSON`, 'Set it to {"connector":"<name>","auth":{...}}.');
  }
  return checkConnection(value, where);
}

function checkConnection(value: unknown, where: string): Connection {
  if (!isRecord(value) || typeof value.connector !== 'string' || !isRecord(value.auth ?? {})) {
    throw new ConnectionError(
      `${where} is not a connection`,
      'A connection is {"connector":"<name>","auth":{...}}; auth holds the fields the connector asks for.',
    );
  }
  const auth = value.auth ?? {};
  const rateLimit = value.rateLimit === undefined ? undefined : parseRateLimit(value.rateLimit);
  if (typeof rateLimit === 'string') {
    throw new ConnectionError(
      `${where}: rateLimit ${rateLimit}`,
      'Write e.g. "rateLimit": { "requests": 10, "per": "1s" }, or leave it out for no limit.',
    );
  }
  return { connector: value.connector, auth: isRecord(auth) ? auth : {}, ...(rateLimit ? { rateLimit } : {}) };
}
