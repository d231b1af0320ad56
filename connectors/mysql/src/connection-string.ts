import type { SslMode } from './connection.js';
import { invalidInput } from './errors.js';

export interface ConnectionParts {
  host: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  ssl?: SslMode;
  charset?: string;
}

const SSL_MODES: Record<string, SslMode> = {
  disabled: 'disabled',
  required: 'required',
  verify_ca: 'verify-ca',
  'verify-ca': 'verify-ca',
  verify_identity: 'verify-identity',
  'verify-identity': 'verify-identity',
};

/**
 * Reads a mysql:// URL. We parse it ourselves rather than pass it as mysql2's `uri`: mysql2 turns
 * every query parameter into a driver option (`?multipleStatements=true` would undo the
 * one-statement rule) and lets explicit options override only when they are truthy.
 * Messages never quote the string: it carries the password.
 */
export function parseConnectionString(value: string): ConnectionParts {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalidInput(
      'the connection string is not a valid URL',
      'Write it as mysql://user:password@host:3306/database; percent-encode special characters in the password.',
    );
  }
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:') {
    throw invalidInput('the connection string must start with mysql://', 'Use mysql://user:password@host/db.');
  }
  const host = decodeURIComponent(url.hostname).replace(/^\[(.*)\]$/, '$1');
  if (!host) throw invalidInput('the connection string names no host', 'Add the host: mysql://user@host/db.');
  const parts: ConnectionParts = { host };
  if (url.port) parts.port = Number(url.port);
  if (url.username) parts.user = decodeURIComponent(url.username);
  if (url.password) parts.password = decodeURIComponent(url.password);
  if (url.pathname.length > 1) parts.database = decodeURIComponent(url.pathname.slice(1));
  for (const [key, param] of url.searchParams) {
    if (key === 'ssl-mode' || key === 'sslMode' || key === 'ssl_mode') {
      const mode = SSL_MODES[param.toLowerCase()];
      if (!mode) {
        throw invalidInput(
          `ssl-mode=${param} is not supported`,
          'Use DISABLED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY; PREFERRED (fall back to plain text) is not offered.',
        );
      }
      parts.ssl = mode;
    } else if (key === 'charset') {
      parts.charset = param;
    } else {
      throw invalidInput(
        `connection string parameter "${key}" is not supported`,
        'Supported: ssl-mode, charset. Other driver options cannot be set here.',
      );
    }
  }
  return parts;
}
