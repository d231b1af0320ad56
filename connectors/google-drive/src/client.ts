import { createHash } from 'node:crypto';
import { drive, type drive_v3 } from '@googleapis/drive';
import { type ActionContext, serviceUrlOf } from '@mova/sdk';
import { authorize } from '@mova/sdk/google';
import { OAuth2Client } from 'google-auth-library';
import { DRIVE_API_ROOT, type DriveConnection } from './connection.js';
import { driveErrors } from './errors.js';

/** Full Drive access: the actions read, write, move and share any file the account can reach. */
export const DRIVE_SCOPES = ['https://www.googleapis.com/auth/drive'];

export interface DriveClient {
  api: drive_v3.Drive;
  /** The authorised client, for requests the generated API does not make (resumable uploads). */
  auth: OAuth2Client;
  /** The API root, without a trailing slash. */
  root: string;
}

// A warm worker serves many steps with one connection: reusing the client reuses its access token.
const clients = new Map<string, DriveClient>();
const MAX_CLIENTS = 16;

/** The Drive v3 client for a connection, cached by a hash of its fields. */
export function driveClient(connection: DriveConnection): DriveClient {
  const cacheKey = createHash('sha256').update(JSON.stringify(connection)).digest('hex');
  let client = clients.get(cacheKey);
  if (!client) {
    const root = serviceUrlOf(connection.apiUrl, DRIVE_API_ROOT);
    const auth = authorize(new OAuth2Client(), connection, DRIVE_SCOPES);
    // The runtime retries by error kind; gaxios' own retries would hide a 429 from it.
    client = { api: drive({ version: 'v3', auth, rootUrl: `${root}/`, retry: false, timeout: 120_000 }), auth, root };
    if (clients.size >= MAX_CLIENTS) {
      const oldest = clients.keys().next().value;
      if (oldest !== undefined) clients.delete(oldest);
    }
    clients.set(cacheKey, client);
  }
  return client;
}

/** Runs Drive calls for one step; failures leave as `driveErrors` maps them. */
export function withDrive<T>(
  connection: DriveConnection,
  ctx: Pick<ActionContext, 'actionKey' | 'signal'>,
  use: (client: DriveClient, options: { signal: AbortSignal; rootUrl: string }) => Promise<T>,
): Promise<T> {
  return driveErrors.call(ctx.actionKey, () => {
    const client = driveClient(connection);
    // Per call too: googleapis-common applies the client-wide rootUrl to API paths but not to
    // upload (media) URLs, which would otherwise still go to www.googleapis.com.
    return use(client, { signal: ctx.signal, rootUrl: `${client.root}/` });
  });
}
