import { createHash } from 'node:crypto';
import { ClientSecretCredential } from '@azure/identity';
import { BlobServiceClient, type StoragePipelineOptions } from '@azure/storage-blob';
import { ConnectorError } from '@mova/sdk';
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
export const PUBLIC_BLOB_HOSTS = '*.blob.core.windows.net';

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
const clients = new Map<string, BlobServiceClient>();
const MAX_CLIENTS = 16;

/**
 * The Blob service client for a connection (cached per connection, keyed by a hash of its fields).
 * `actionKey` labels the error when the connection cannot be used.
 */
export function serviceClient(connection: AzureConnection, actionKey: string): BlobServiceClient {
  const credentials = credentialsOf(connection, actionKey);
  const key = createHash('sha256').update(JSON.stringify(credentials)).digest('hex');
  let client = clients.get(key);
  if (!client) {
    client = build(credentials, actionKey);
    if (clients.size >= MAX_CLIENTS) {
      const oldest = clients.keys().next().value;
      if (oldest !== undefined) clients.delete(oldest);
    }
    clients.set(key, client);
  }
  return client;
}

function build(credentials: Credentials, actionKey: string): BlobServiceClient {
  if (credentials.method === 'connectionString') {
    let client: BlobServiceClient;
    try {
      client = BlobServiceClient.fromConnectionString(credentials.connectionString, pipelineOptions);
    } catch (cause) {
      throw new ConnectorError(
        'The connection string could not be read',
        { kind: 'auth', vendorMessage: cause instanceof Error ? cause.message : String(cause), actionKey, cause },
        'Copy the whole connection string from the storage account\'s "Access keys" or "Shared access signature" page.',
      );
    }
    checkEndpoint(client.url, credentials.accountUrl, actionKey);
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

/**
 * A connection string carries its endpoint inside `BlobEndpoint=` or `EndpointSuffix=`, where the
 * sandbox does not look. Outside Azure's global cloud the connection must also name it in
 * `accountUrl`, which the sandbox does read; saying so here beats a refused connection later.
 */
function checkEndpoint(endpoint: string, accountUrl: string | undefined, actionKey: string): void {
  const { origin, hostname } = new URL(endpoint);
  if (accountUrl === undefined) {
    if (hostname.endsWith(PUBLIC_BLOB_HOSTS.slice(1))) return;
    throw new ConnectorError(
      `The connection string's blob endpoint ${origin} is outside Azure's global cloud, and accountUrl does not name it`,
      { kind: 'auth', actionKey },
      `Set accountUrl to ${endpoint.replace(/\/$/, '')} on the connection: workflows may only connect to hosts their connection names.`,
    );
  }
  const named = new URL(accountUrl).origin;
  if (named !== origin) {
    throw new ConnectorError(
      `The connection string's blob endpoint ${origin} differs from accountUrl ${named}`,
      { kind: 'auth', actionKey },
      'Set accountUrl to the blob endpoint the connection string names (BlobEndpoint=, or https://<AccountName>.blob.<EndpointSuffix>).',
    );
  }
}

/** A blob's address without the query string, which carries the connection's SAS when it has one. */
export function publicUrl(url: string): string {
  const parsed = new URL(url);
  parsed.search = '';
  return parsed.toString();
}

function incomplete(fields: string, actionKey: string): ConnectorError {
  return new ConnectorError(
    `The connection lacks ${fields}`,
    { kind: 'auth', actionKey },
    `Add ${fields} to the connection.`,
  );
}
