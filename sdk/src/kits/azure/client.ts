import { createHash } from 'node:crypto';
import { ConnectorError } from '../../errors.js';

/**
 * A cache of service clients per connection, keyed by a hash of what built them: a warm worker
 * serves many steps with one connection, and reusing its client keeps the Entra ID token cache
 * and sockets. The oldest client leaves once `max` are held.
 */
export function azureClientCache<C>(max = 16): (fields: unknown, build: () => C) => C {
  const clients = new Map<string, C>();
  return (fields, build) => {
    const key = createHash('sha256').update(JSON.stringify(fields)).digest('hex');
    let client = clients.get(key);
    if (client === undefined) {
      client = build();
      if (clients.size >= max) {
        const oldest = clients.keys().next().value;
        if (oldest !== undefined) clients.delete(oldest);
      }
      clients.set(key, client);
    }
    return client;
  };
}

/** The Storage services whose endpoints the kit checks, as they appear in host names. */
export type StorageService = 'blob' | 'queue' | 'table' | 'file';

const ENDPOINT_KEY: Record<StorageService, string> = {
  blob: 'BlobEndpoint',
  queue: 'QueueEndpoint',
  table: 'TableEndpoint',
  file: 'FileEndpoint',
};

/** The service's endpoints in Azure's global cloud, which a manifest allows for every connection. */
export function publicStorageHosts(service: StorageService): string {
  return `*.${service}.core.windows.net`;
}

/**
 * Checks the endpoint a connection string led the Azure SDK to. The string carries it in
 * `<Service>Endpoint=` or `EndpointSuffix=`, where the sandbox does not look: outside Azure's
 * global cloud the connection must also name it in `accountUrl` (which the sandbox reads), and
 * saying so here beats a refused connection later.
 */
export function checkStorageEndpoint(
  endpoint: string,
  accountUrl: string | undefined,
  service: StorageService,
  actionKey: string,
): void {
  const { origin, hostname } = new URL(endpoint);
  if (accountUrl === undefined) {
    if (hostname.endsWith(publicStorageHosts(service).slice(1))) return;
    throw new ConnectorError(
      `The connection string's ${service} endpoint ${origin} is outside Azure's global cloud, and accountUrl does not name it`,
      { kind: 'auth', actionKey },
      `Set accountUrl to ${endpoint.replace(/\/$/, '')} on the connection: workflows may only connect to hosts their connection names.`,
    );
  }
  const named = new URL(accountUrl).origin;
  if (named !== origin) {
    throw new ConnectorError(
      `The connection string's ${service} endpoint ${origin} differs from accountUrl ${named}`,
      { kind: 'auth', actionKey },
      `Set accountUrl to the ${service} endpoint the connection string names (${ENDPOINT_KEY[service]}=, or https://<AccountName>.${service}.<EndpointSuffix>).`,
    );
  }
}

/** Builds a client from a connection string; a string the Azure SDK cannot read is an `auth` error. */
export function fromConnectionString<C>(build: () => C, actionKey: string): C {
  try {
    return build();
  } catch (cause) {
    throw new ConnectorError(
      'The connection string could not be read',
      { kind: 'auth', vendorMessage: cause instanceof Error ? cause.message : String(cause), actionKey, cause },
      'Copy the whole connection string from the storage account\'s "Access keys" or "Shared access signature" page.',
    );
  }
}

/** The connection lacks fields its method needs (it bypassed the manifest's schema). */
export function incompleteConnection(fields: string, actionKey: string): ConnectorError {
  return new ConnectorError(
    `The connection lacks ${fields}`,
    { kind: 'auth', actionKey },
    `Add ${fields} to the connection.`,
  );
}
