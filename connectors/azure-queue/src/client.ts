import { createHash } from 'node:crypto';
import { ClientSecretCredential } from '@azure/identity';
import { QueueServiceClient, type StoragePipelineOptions, StorageSharedKeyCredential } from '@azure/storage-queue';
import { ConnectorError } from '@mova/sdk';
import type { QueueConnection } from './connection.js';

/**
 * Queue endpoints of Azure's global cloud, which the manifest allows for every connection; any
 * other endpoint is reachable only when the connection names it in `accountUrl`.
 */
export const PUBLIC_QUEUE_HOSTS = '*.queue.core.windows.net';

// The runtime retries transient failures itself; a couple of quick SDK retries absorb blips.
const pipelineOptions: StoragePipelineOptions = {
  retryOptions: { maxTries: 3, retryDelayInMs: 500, maxRetryDelayInMs: 4000 },
  userAgentOptions: { userAgentPrefix: 'mova-connector-azure-queue' },
};

const clients = new Map<string, QueueServiceClient>();
const MAX_CLIENTS = 16;

/**
 * The Queue service client for a connection, cached per connection (a warm worker reuses its
 * Entra ID token and sockets). `actionKey` labels the error when the connection cannot be used.
 */
export function queueService(connection: QueueConnection, actionKey: string): QueueServiceClient {
  const key = createHash('sha256').update(JSON.stringify(connection)).digest('hex');
  let client = clients.get(key);
  if (!client) {
    client = build(connection, actionKey);
    if (clients.size >= MAX_CLIENTS) {
      const oldest = clients.keys().next().value;
      if (oldest !== undefined) clients.delete(oldest);
    }
    clients.set(key, client);
  }
  return client;
}

function build(connection: QueueConnection, actionKey: string): QueueServiceClient {
  switch (connection.method) {
    case 'connectionString': {
      if (!connection.connectionString) throw incomplete('connectionString', actionKey);
      let client: QueueServiceClient;
      try {
        client = QueueServiceClient.fromConnectionString(connection.connectionString, pipelineOptions);
      } catch (cause) {
        throw new ConnectorError(
          'The connection string could not be read',
          { kind: 'auth', vendorMessage: cause instanceof Error ? cause.message : String(cause), actionKey, cause },
          'Copy the whole connection string from the storage account\'s "Access keys" or "Shared access signature" page.',
        );
      }
      checkEndpoint(client.url, connection.accountUrl, actionKey);
      return client;
    }
    case 'accountKey': {
      if (!connection.accountName || !connection.accountKey) throw incomplete('accountName and accountKey', actionKey);
      let credential: StorageSharedKeyCredential;
      try {
        credential = new StorageSharedKeyCredential(connection.accountName, connection.accountKey);
      } catch (cause) {
        throw new ConnectorError(
          'The account key could not be read',
          { kind: 'auth', actionKey, cause },
          'Copy key1 or key2 from the account\'s "Access keys" page.',
        );
      }
      return new QueueServiceClient(endpointOf(connection, actionKey), credential, pipelineOptions);
    }
    case 'sas': {
      if (!connection.sasToken) throw incomplete('sasToken', actionKey);
      const url = new URL(endpointOf(connection, actionKey));
      url.search = connection.sasToken.replace(/^\?/, '');
      return new QueueServiceClient(url.toString(), undefined, pipelineOptions);
    }
    case 'clientSecret': {
      const { tenantId, clientId, clientSecret, authorityHost } = connection;
      if (!tenantId || !clientId || !clientSecret) throw incomplete('tenantId, clientId and clientSecret', actionKey);
      const credential = new ClientSecretCredential(
        tenantId,
        clientId,
        clientSecret,
        authorityHost ? { authorityHost } : {},
      );
      return new QueueServiceClient(endpointOf(connection, actionKey), credential, pipelineOptions);
    }
  }
}

function endpointOf(connection: QueueConnection, actionKey: string): string {
  if (connection.accountUrl) return connection.accountUrl.replace(/\/+$/, '');
  if (connection.accountName) return `https://${connection.accountName}.queue.core.windows.net`;
  throw incomplete('accountName or accountUrl', actionKey);
}

/**
 * A connection string carries its endpoint in `QueueEndpoint=` or `EndpointSuffix=`, where the
 * sandbox does not look; outside Azure's global cloud the connection must name it in accountUrl.
 */
function checkEndpoint(endpoint: string, accountUrl: string | undefined, actionKey: string): void {
  const { origin, hostname } = new URL(endpoint);
  if (accountUrl === undefined) {
    if (hostname.endsWith(PUBLIC_QUEUE_HOSTS.slice(1))) return;
    throw new ConnectorError(
      `The connection string's queue endpoint ${origin} is outside Azure's global cloud, and accountUrl does not name it`,
      { kind: 'auth', actionKey },
      `Set accountUrl to ${endpoint.replace(/\/$/, '')} on the connection: workflows may only connect to hosts their connection names.`,
    );
  }
  const named = new URL(accountUrl).origin;
  if (named !== origin) {
    throw new ConnectorError(
      `The connection string's queue endpoint ${origin} differs from accountUrl ${named}`,
      { kind: 'auth', actionKey },
      'Set accountUrl to the queue endpoint the connection string names (QueueEndpoint=, or https://<AccountName>.queue.<EndpointSuffix>).',
    );
  }
}

function incomplete(fields: string, actionKey: string): ConnectorError {
  return new ConnectorError(
    `The connection lacks ${fields}`,
    { kind: 'auth', actionKey },
    `Add ${fields} to the connection.`,
  );
}
