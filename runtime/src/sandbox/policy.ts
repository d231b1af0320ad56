import { dirname, isAbsolute, normalize, parse, sep } from 'node:path';
import { type Manifest, MovaError } from '@mova/sdk/host';

/**
 * Hosts a call may reach, beyond the manifest's static `network.allow`: the hosts named by the
 * connection fields the manifest lists in `network.connectionHosts` (a database's host or URL).
 */
export function connectionHosts(manifest: Manifest, auth: unknown): string[] {
  const fields = manifest.network.connectionHosts ?? [];
  if (fields.length === 0 || typeof auth !== 'object' || auth === null) return [];
  const hosts: string[] = [];
  for (const field of fields) {
    const value = (auth as Record<string, unknown>)[field];
    if (typeof value === 'string' && value.trim()) hosts.push(...hostsIn(value.trim()));
  }
  // A connection names hosts, never rules: `*` or `*.example.com` in a field (a connector's default,
  // say) must not open everything while the user gave only a token.
  return [...new Set(hosts)].filter((host) => !host.includes('*'));
}

/**
 * Reads the hosts out of a host name, a URL or a connection string, including multi-host ones
 * such as `mongodb://a:27017,b:27017/db` and `postgres://u:p@h/db`.
 */
export function hostsIn(value: string): string[] {
  const scheme = value.indexOf('://');
  if (scheme < 0) return [stripPort(value)];
  const rest = value.slice(scheme + 3);
  const authority = rest.split(/[/?#]/, 1)[0] ?? '';
  const hostList = authority.slice(authority.lastIndexOf('@') + 1);
  return hostList
    .split(',')
    .map(stripPort)
    .filter((h) => h.length > 0);
}

function stripPort(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return (colon > 0 && host.indexOf(':') === colon ? host.slice(0, colon) : host).toLowerCase();
}

/** A connection path the sandbox cannot grant, said so the user can fix the connection. */
export class ConnectionPathError extends MovaError {
  declare readonly hint: string;

  constructor(message: string, hint: string) {
    super('E_CONNECTION_PATH', message, hint);
  }
}

/**
 * Files a call may read and write: the paths in the connection fields the manifest lists in
 * `fs.connectionPaths` (a database file), each with the manifest's `fs.siblingSuffixes` (SQLite's
 * `-journal`), and nothing else. Paths must be absolute and normal: the sandbox's working
 * directory is not the user's, and `..` or a bare `/` would grant more than the one file named.
 */
export function connectionPaths(manifest: Manifest, auth: unknown): string[] {
  const fields = manifest.fs?.connectionPaths ?? [];
  if (fields.length === 0 || typeof auth !== 'object' || auth === null) return [];
  const suffixes = manifest.fs?.siblingSuffixes ?? [];
  const files: string[] = [];
  for (const field of fields) {
    const value = (auth as Record<string, unknown>)[field];
    if (typeof value !== 'string' || value === '') continue;
    if (!isAbsolute(value) || normalize(value) !== value || value.endsWith(sep)) {
      throw new ConnectionPathError(
        `the connection's ${field} "${value}" is not an absolute path to a file`,
        `Give ${field} as a full path without "..", e.g. ${sep === '/' ? '/var/lib/app/data.db' : 'C:\\data\\app.db'}.`,
      );
    }
    if (dirname(value) === value || dirname(value) === parse(value).root) {
      throw new ConnectionPathError(
        `the connection's ${field} "${value}" is a file in the root directory`,
        'Move the file into a directory of its own: the sandbox shares the directory with the connector.',
      );
    }
    files.push(value, ...suffixes.map((suffix) => value + suffix));
  }
  return [...new Set(files)].sort();
}
