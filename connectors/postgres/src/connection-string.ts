import { type DatabaseUrl, invalidInput, parseDatabaseUrl } from '@mova/sdk/sql';
import type { SslMode } from './connection.js';

/** What a connection string names: the kit's URL parts and the parameters read here. */
export interface ConnectionParts extends DatabaseUrl {
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
 * Reads a postgres:// URL with the SQL kit's `parseDatabaseUrl` rather than pg's parser: pg reads
 * `sslcert`/`sslkey`/`sslrootcert` as paths on the worker's disk (a connection would then send a
 * local file to whatever server it names), falls back to PG* environment variables for missing
 * parts, and reads `sslmode=require` as verify-full. Here sslmode keeps libpq's meaning, as the
 * `ssl` field does, and unknown parameters are refused rather than ignored.
 */
export function parseConnectionString(value: string): ConnectionParts {
  return parseDatabaseUrl<ConnectionParts>(value, {
    schemes: ['postgres', 'postgresql'],
    port: 5432,
    params: {
      sslmode: (mode) => ({ ssl: sslMode(mode) }),
      ssl: (on) => ({ ssl: on === 'true' || on === '1' ? 'verify-full' : 'disable' }),
      channel_binding: (binding) => ({ channelBinding: binding === 'require' }),
      application_name: (name) => ({ applicationName: name }),
    },
    otherParams: 'Certificates from files cannot be used here.',
  });
}

function sslMode(param: string): SslMode {
  const mode = SSL_MODES[param];
  if (!mode) {
    throw invalidInput(
      `sslmode=${param} is not supported`,
      `Use one of ${Object.keys(SSL_MODES).join(', ')}; "prefer" and "allow" (fall back to plain text) are not offered.`,
    );
  }
  return mode;
}
