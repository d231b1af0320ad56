import { createPrivateKey } from 'node:crypto';
import { ConnectorError } from '@mova/sdk';

/** The fields of a service account JSON key file the connector uses. */
export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  project_id?: string;
}

const HINT =
  'Paste the whole JSON key file of a service account (IAM & Admin → Service accounts → Keys → Add key → Create new key → JSON).';

/** Reads and checks the pasted key file, so a bad paste fails with a clear message before any request. */
export function parseServiceAccountKey(text: string): ServiceAccountKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new ConnectorError('The service account key is not valid JSON', { kind: 'auth', cause }, HINT);
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
      HINT,
    );
  }
  return {
    client_email: parsed.client_email,
    private_key: parsed.private_key,
    private_key_id:
      'private_key_id' in parsed && typeof parsed.private_key_id === 'string' ? parsed.private_key_id : undefined,
    project_id: 'project_id' in parsed && typeof parsed.project_id === 'string' ? parsed.project_id : undefined,
  };
}

function notAKey(why: string): ConnectorError {
  return new ConnectorError(
    `The connection's serviceAccountKey is not a service account key: ${why}`,
    { kind: 'auth' },
    HINT,
  );
}
