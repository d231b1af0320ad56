import { createHash } from 'node:crypto';
import { Storage } from '@google-cloud/storage';
import { ConnectorError } from '@mova/sdk';
import { fetchGoogleToken, GOOGLE_TOKEN_URL, parseServiceAccountKey } from '@mova/sdk/google';
import { JWT } from 'google-auth-library';
import type { GcsConnection } from './connection.js';

/** Enough for every action here (list buckets, read/write/delete objects); nothing administrative. */
export const STORAGE_SCOPE = 'https://www.googleapis.com/auth/devstorage.read_write';

export interface GcsClient {
  storage: Storage;
  /** The connection's projectId, else the key's project_id. */
  projectId?: string;
}

// A warm worker serves many steps with one connection: reusing the client keeps its access token.
const clients = new Map<string, GcsClient>();
const MAX_CLIENTS = 16;

/**
 * The Storage client for a connection (cached per connection, keyed by a hash of its fields).
 * A key that cannot be read fails here, before any request.
 */
export function gcsClient(connection: GcsConnection): GcsClient {
  const cacheKey = createHash('sha256').update(JSON.stringify(connection)).digest('hex');
  let client = clients.get(cacheKey);
  if (!client) {
    client = build(connection);
    if (clients.size >= MAX_CLIENTS) {
      const oldest = clients.keys().next().value;
      if (oldest !== undefined) clients.delete(oldest);
    }
    clients.set(cacheKey, client);
  }
  return client;
}

function build(connection: GcsConnection): GcsClient {
  const key = parseServiceAccountKey(connection.serviceAccountKey);
  const projectId = connection.projectId ?? key.project_id;
  // A JWT client with the key, so URLs are signed locally with it (google-auth-library signs
  // in-process only for a JWT that holds the key); tokens come from the SDK's JWT bearer grant at
  // the connection's token endpoint (google-auth-library 9 always posts to its own).
  const jwt = new JWT({
    email: key.client_email,
    key: key.private_key,
    keyId: key.private_key_id,
    scopes: [STORAGE_SCOPE],
  });
  const tokenUrl = connection.tokenUri ?? GOOGLE_TOKEN_URL;
  jwt.refreshHandler = () => fetchGoogleToken({ kind: 'serviceAccount', key, tokenUrl }, [STORAGE_SCOPE]);
  const storage = new Storage({
    projectId,
    authClient: jwt,
    ...(connection.apiEndpoint
      ? {
          apiEndpoint: connection.apiEndpoint,
          // The library sends no token to an endpoint of its own choosing unless told to, taking it
          // for an emulator; regional and Private Service Connect endpoints refuse such requests.
          useAuthWithCustomEndpoint: true,
        }
      : {}),
    // Lets the signer read client_email from the key instead of asking the metadata server.
    credentials: { client_email: key.client_email, private_key: key.private_key },
    // The runtime retries transient failures itself; two quick SDK retries absorb blips.
    retryOptions: { autoRetry: true, maxRetries: 2, retryDelayMultiplier: 2, maxRetryDelay: 8, totalTimeout: 60 },
    userAgent: 'mova-connector-gcs',
  });
  return { storage, projectId };
}

/** The project buckets.list needs; the key usually names one. */
export function requireProject(client: GcsClient, actionKey: string): string {
  if (client.projectId) return client.projectId;
  throw new ConnectorError(
    'No project to list buckets in',
    { kind: 'invalid_input', actionKey },
    'Set projectId on the connection (the key file has no project_id).',
  );
}
