import { ClientSecretCredential } from '@azure/identity';
import { BlobServiceClient, type StoragePipelineOptions } from '@azure/storage-blob';
import {
  azureClientCache,
  checkStorageEndpoint,
  fromConnectionString,
  incompleteConnection as incomplete,
  publicStorageHosts,
} from '@mova/sdk/azure';
import type { AzureConnection } from './connection.js';

/** The connection narrowed to the fields its method needs. */
type Credentials =
  | { method: 'connectionString'; connectionString: string; accountUrl?: string }
  | {
      method: 'clientSecret';
      tenantId: string;
      clientId: string;
      clientSecret: string;
      accountUrl: string;
      authorityHost?: string;
    };

/**
 * Blob endpoints of Azure's global cloud, which the manifest allows for every connection; any
 * other endpoint is reachable only when the connection names it in `accountUrl`.
 */
export const PUBLIC_BLOB_HOSTS = publicStorageHosts('blob');

// The runtime retries transient failures itself; a couple of quick SDK retries absorb blips without stacking delays.
const pipelineOptions: StoragePipelineOptions = {
  retryOptions: { maxTries: 3, retryDelayInMs: 500, maxRetryDelayInMs: 4000 },
  userAgentOptions: { userAgentPrefix: 'mova-connector-azure-blob' },
};

/**
 * The connection's fields for its method. The manifest schema already requires them, so a
 * missing one means the connection bypassed validation.
 */
function credentialsOf(connection: AzureConnection, actionKey: string): Credentials {
  if (connection.method === 'connectionString') {
    if (!connection.connectionString) throw incomplete('connectionString', actionKey);
    return {
      method: 'connectionString',
      connectionString: connection.connectionString,
      ...(connection.accountUrl ? { accountUrl: connection.accountUrl } : {}),
    };
  }
  const { tenantId, clientId, clientSecret, authorityHost } = connection;
  if (!tenantId || !clientId || !clientSecret) throw incomplete('tenantId, clientId and clientSecret', actionKey);
  const accountUrl =
    connection.accountUrl ??
    (connection.accountName ? `https://${connection.accountName}.blob.core.windows.net` : undefined);
  if (!accountUrl) throw incomplete('accountName or accountUrl', actionKey);
  return {
    method: 'clientSecret',
    tenantId,
    clientId,
    clientSecret,
    accountUrl,
    ...(authorityHost ? { authorityHost } : {}),
  };
}

// A warm worker serves many steps with the same connection: reusing the client keeps its token cache
// and sockets, so each step does not fetch a new Entra ID token.
const clients = azureClientCache<BlobServiceClient>();

/**
 * The Blob service client for a connection (cached per connection, keyed by a hash of its fields).
 * `actionKey` labels the error when the connection cannot be used.
 */
export function serviceClient(connection: AzureConnection, actionKey: string): BlobServiceClient {
  const credentials = credentialsOf(connection, actionKey);
  return clients(credentials, () => build(credentials, actionKey));
}

function build(credentials: Credentials, actionKey: string): BlobServiceClient {
  if (credentials.method === 'connectionString') {
    const client = fromConnectionString(
      () => BlobServiceClient.fromConnectionString(credentials.connectionString, pipelineOptions),
      actionKey,
    );
    // The string's endpoint is where the sandbox does not look: outside Azure's global cloud the
    // connection must name it in accountUrl too.
    checkStorageEndpoint(client.url, credentials.accountUrl, 'blob', actionKey);
    return client;
  }
  const credential = new ClientSecretCredential(
    credentials.tenantId,
    credentials.clientId,
    credentials.clientSecret,
    credentials.authorityHost ? { authorityHost: credentials.authorityHost } : {},
  );
  return new BlobServiceClient(credentials.accountUrl, credential, pipelineOptions);
}

/** A blob's address without the query string, which carries the connection's SAS when it has one. */
export function publicUrl(url: string): string {
  const parsed = new URL(url);
  parsed.search = '';
  return parsed.toString();
}
