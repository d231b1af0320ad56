import { invalidInput } from './errors.js';

/** What a database URL names. */
export interface DatabaseUrl {
  host: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
}

/** Readers of the query parameters a connector accepts: each returns the parts it sets, or throws. */
export type UrlParameters<P> = Readonly<Record<string, (value: string) => Partial<P>>>;

export interface DatabaseUrlOptions<P> {
  /** Accepted schemes without `://`: `['postgres', 'postgresql']`. The first is the one messages show. */
  schemes: readonly string[];
  /** The default port, for the example in messages. */
  port: number;
  /** The query parameters read; any other is refused rather than ignored. */
  params: UrlParameters<P>;
  /** Said after the list of supported parameters when another is given. */
  otherParams: string;
}

/**
 * Reads a `scheme://user:password@host:port/database?params` URL. Connectors parse it this way
 * rather than hand it to the driver: drivers read parameters as file paths on the worker's disk
 * or as driver options (`multipleStatements=true`), and fall back to environment variables for
 * missing parts. Messages never quote the URL: it carries the password.
 * @example
 * parseDatabaseUrl('postgres://app:p%40ss@db:6543/shop?application_name=etl', {
 *   schemes: ['postgres'], port: 5432, otherParams: '',
 *   params: { application_name: (value) => ({ applicationName: value }) },
 * }) // { host: 'db', port: 6543, user: 'app', password: 'p@ss', database: 'shop', applicationName: 'etl' }
 */
export function parseDatabaseUrl<P extends object>(
  value: string,
  options: DatabaseUrlOptions<P>,
): DatabaseUrl & Partial<P> {
  const scheme = options.schemes[0] ?? 'db';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidInput(
      'the connection string is not a valid URL',
      `Write it as ${scheme}://user:password@host:${options.port}/database; percent-encode special characters in the password.`,
    );
  }
  if (!options.schemes.some((s) => url.protocol === `${s}:`)) {
    throw invalidInput(`the connection string must start with ${scheme}://`, `Use ${scheme}://user:password@host/db.`);
  }
  const host = decodeURIComponent(url.hostname).replace(/^\[(.*)\]$/, '$1');
  if (!host) throw invalidInput('the connection string names no host', `Add the host: ${scheme}://user@host/db.`);
  const parts: DatabaseUrl = { host };
  if (url.port) parts.port = Number(url.port);
  if (url.username) parts.user = decodeURIComponent(url.username);
  if (url.password) parts.password = decodeURIComponent(url.password);
  if (url.pathname.length > 1) parts.database = decodeURIComponent(url.pathname.slice(1));
  let extra: Partial<P> = {};
  for (const [key, param] of url.searchParams) {
    const read = Object.hasOwn(options.params, key) ? options.params[key] : undefined;
    if (!read) {
      throw invalidInput(
        `connection string parameter "${key}" is not supported`,
        `Supported: ${Object.keys(options.params).join(', ')}. ${options.otherParams}`.trim(),
      );
    }
    extra = { ...extra, ...read(param) };
  }
  return { ...extra, ...parts };
}

/**
 * The connection's own fields, or the parts of its connection string: one or the other, since
 * which should win in a mix is a guess. `ssl` goes with either and is left out of both.
 */
export function connectionParts<F extends { connectionString?: string; ssl?: unknown }, U>(
  connection: F,
  parse: (url: string) => U,
): { fields: Omit<F, 'connectionString' | 'ssl'>; fromUrl: U | undefined } {
  const { connectionString, ssl: _ssl, ...fields } = connection;
  const given = Object.keys(fields);
  if (connectionString && given.length > 0) {
    throw invalidInput(
      `the connection has both a connection string and ${given.join(', ')}`,
      'Give either connectionString or host/port/user/password/database (ssl goes with either).',
    );
  }
  return { fields, fromUrl: connectionString ? parse(connectionString) : undefined };
}
