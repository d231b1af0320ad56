import { createPrivateKey } from 'node:crypto';
import { ConnectorError } from '../../errors.js';

/** The fields of a service account JSON key file that a token request needs. */
export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  project_id?: string;
}

const KEY_HINT =
  'Paste the whole JSON key file of a service account (IAM & Admin → Service accounts → Keys → Add key → Create new key → JSON).';

/**
 * Reads and checks a pasted service account key file, so a bad paste fails with a clear `auth`
 * error before any request.
 */
export function parseServiceAccountKey(text: string): ServiceAccountKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new ConnectorError('The service account key is not valid JSON', { kind: 'auth', cause }, KEY_HINT);
  }
  if (typeof parsed !== 'object' || parsed === null) throw notAKey('it is not a JSON object');
  if (!('type' in parsed) || parsed.type !== 'service_account') throw notAKey('its "type" is not "service_account"');
  if (!('client_email' in parsed) || typeof parsed.client_email !== 'string') throw notAKey('it has no client_email');
  if (!('private_key' in parsed) || typeof parsed.private_key !== 'string') throw notAKey('it has no private_key');
  try {
    createPrivateKey(parsed.private_key);
  } catch (cause) {
    throw new ConnectorError(
      'The private_key in the service account key cannot be read',
      { kind: 'auth', cause },
      KEY_HINT,
    );
  }
  return {
    client_email: parsed.client_email,
    private_key: parsed.private_key,
    private_key_id: optionalString(parsed, 'private_key_id'),
    project_id: optionalString(parsed, 'project_id'),
  };
}

function optionalString(value: object, key: string): string | undefined {
  const field: unknown = Object.entries(value).find(([name]) => name === key)?.[1];
  return typeof field === 'string' ? field : undefined;
}

function notAKey(why: string): ConnectorError {
  return new ConnectorError(
    `The connection's serviceAccountKey is not a service account key: ${why}`,
    { kind: 'auth' },
    KEY_HINT,
  );
}
