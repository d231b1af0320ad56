import type { SslMode } from './connection.js';
import { invalidInput } from './errors.js';

export interface ConnectionParts {
  host: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  ssl?: SslMode;
  channelBinding?: boolean;
  applicationName?: string;
}

const SSL_MODES: Record<string, SslMode> = {
  disable: 'disable',
  require: 'require',
  'no-verify': 'require',
  'verify-ca': 'verify-ca',
  'verify-full': 'verify-full',
};

/**
 * Reads a postgres:// URL. We parse it ourselves rather than hand it to pg: pg's parser reads
 * `sslcert`/`sslkey`/`sslrootcert` as paths on the worker's disk (a connection would then send a
 * local file to whatever server it names), falls back to PG* environment variables for missing
 * parts, and reads `sslmode=require` as verify-full. Here sslmode keeps libpq's meaning, as the
 * `ssl` field does, and unknown parameters are refused rather than ignored.
 * Messages never quote the string: it carries the password.
 */
export function parseConnectionString(value: string): ConnectionParts {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidInput(
      'the connection string is not a valid URL',
      'Write it as postgres://user:password@host:5432/database; percent-encode special characters in the password.',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw invalidInput('the connection string must start with postgres://', 'Use postgres://user:password@host/db.');
  }
  const host = decodeURIComponent(url.hostname).replace(/^\[(.*)\]$/, '$1');
  if (!host) throw invalidInput('the connection string names no host', 'Add the host: postgres://user@host/db.');
  const parts: ConnectionParts = { host };
  if (url.port) parts.port = Number(url.port);
  if (url.username) parts.user = decodeURIComponent(url.username);
  if (url.password) parts.password = decodeURIComponent(url.password);
  if (url.pathname.length > 1) parts.database = decodeURIComponent(url.pathname.slice(1));
  for (const [key, param] of url.searchParams) {
    if (key === 'sslmode') {
      const mode = SSL_MODES[param];
      if (!mode) {
        throw invalidInput(
          `sslmode=${param} is not supported`,
          `Use one of ${Object.keys(SSL_MODES).join(', ')}; "prefer" and "allow" (fall back to plain text) are not offered.`,
        );
      }
      parts.ssl = mode;
    } else if (key === 'ssl') {
      parts.ssl = param === 'true' || param === '1' ? 'verify-full' : 'disable';
    } else if (key === 'channel_binding') {
      parts.channelBinding = param === 'require';
    } else if (key === 'application_name') {
      parts.applicationName = param;
    } else {
      throw invalidInput(
        `connection string parameter "${key}" is not supported`,
        'Supported: sslmode, ssl, channel_binding, application_name. Certificates from files cannot be used here.',
      );
    }
  }
  return parts;
}
