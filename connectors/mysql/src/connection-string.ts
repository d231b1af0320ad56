import { type DatabaseUrl, invalidInput, parseDatabaseUrl } from '@mova/sdk/sql';
import type { SslMode } from './connection.js';

/** What a connection string names: the kit's URL parts and the parameters read here. */
export interface ConnectionParts extends DatabaseUrl {
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
 * Reads a mysql:// URL with the SQL kit's `parseDatabaseUrl` rather than pass it as mysql2's
 * `uri`: mysql2 turns every query parameter into a driver option (`?multipleStatements=true` would
 * undo the one-statement rule) and lets explicit options override only when they are truthy.
 */
export function parseConnectionString(value: string): ConnectionParts {
  const ssl = (mode: string) => ({ ssl: sslMode(mode) });
  return parseDatabaseUrl<ConnectionParts>(value, {
    schemes: ['mysql', 'mariadb'],
    port: 3306,
    params: { 'ssl-mode': ssl, sslMode: ssl, ssl_mode: ssl, charset: (charset) => ({ charset }) },
    otherParams: 'Other driver options cannot be set here.',
  });
}

function sslMode(param: string): SslMode {
  const mode = SSL_MODES[param.toLowerCase()];
  if (!mode) {
    throw invalidInput(
      `ssl-mode=${param} is not supported`,
      'Use DISABLED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY; PREFERRED (fall back to plain text) is not offered.',
    );
  }
  return mode;
}
