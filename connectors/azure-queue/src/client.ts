import { ClientSecretCredential } from '@azure/identity';
import { QueueServiceClient, type StoragePipelineOptions, StorageSharedKeyCredential } from '@azure/storage-queue';
import { ConnectorError } from '@mova/sdk';
import {
  azureClientCache,
  checkStorageEndpoint,
  fromConnectionString,
  incompleteConnection as incomplete,
  publicStorageHosts,
} from '@mova/sdk/azure';
import type { QueueConnection } from './connection.js';

/**
 * Queue endpoints of Azure's global cloud, which the manifest allows for every connection; any
 * other endpoint is reachable only when the connection names it in `accountUrl`.
 */
export const PUBLIC_QUEUE_HOSTS = publicStorageHosts('queue');

// The runtime retries transient failures itself; a couple of quick SDK retries absorb blips.
const pipelineOptions: StoragePipelineOptions = {
  retryOptions: { maxTries: 3, retryDelayInMs: 500, maxRetryDelayInMs: 4000 },
  userAgentOptions: { userAgentPrefix: 'mova-connector-azure-queue' },
};

const clients = azureClientCache<QueueServiceClient>();

/**
 * The Queue service client for a connection, cached per connection (a warm worker reuses its
 * Entra ID token and sockets). `actionKey` labels the error when the connection cannot be used.
 */
export function queueService(connection: QueueConnection, actionKey: string): QueueServiceClient {
  return clients(connection, () => build(connection, actionKey));
}

function build(connection: QueueConnection, actionKey: string): QueueServiceClient {
  switch (connection.method) {
    case 'connectionString': {
      const { connectionString } = connection;
      if (!connectionString) throw incomplete('connectionString', actionKey);
      const client = fromConnectionString(
        () => QueueServiceClient.fromConnectionString(connectionString, pipelineOptions),
        actionKey,
      );
      checkStorageEndpoint(client.url, connection.accountUrl, 'queue', actionKey);
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
