import { Client } from '@elastic/elasticsearch';
import { ConnectorError } from '@mova/sdk';
import { ELASTIC_CLOUD_DOMAINS, type ElasticsearchConnection } from './connection.js';
import { elasticsearchErrors } from './errors.js';

type ClientOptions = ConstructorParameters<typeof Client>[0];

export interface CallContext {
  signal?: AbortSignal;
  actionKey?: string;
}

/**
 * Opens a client for one call, runs `use` and closes it. Retries are off (`maxRetries: 0`): the
 * runtime's retry policy decides, from the error kind, whether a step runs again.
 */
export async function withElasticsearch<T>(
  connection: ElasticsearchConnection,
  ctx: CallContext,
  use: (client: Client, options: { signal?: AbortSignal }) => Promise<T>,
): Promise<T> {
  const client = new Client(clientOptions(connection, ctx.actionKey));
  try {
    return await elasticsearchErrors.call(ctx.actionKey, () => use(client, ctx.signal ? { signal: ctx.signal } : {}));
  } finally {
    await client.close().catch(() => {});
  }
}

export function clientOptions(connection: ElasticsearchConnection, actionKey?: string): ClientOptions {
  const options: ClientOptions = { maxRetries: 0, requestTimeout: 60_000 };
  if (connection.node && connection.cloudId) {
    throw invalid('give either node or cloudId in the Elasticsearch connection, not both', actionKey);
  }
  if (connection.cloudId) {
    cloudHost(connection.cloudId, actionKey);
    options.cloud = { id: connection.cloudId };
  } else if (connection.node) {
    options.node = connection.node;
  } else {
    throw invalid('the Elasticsearch connection has neither a node URL nor a Cloud ID', actionKey);
  }
  if (connection.apiKey) {
    options.auth = { apiKey: encodedApiKey(connection.apiKey) };
  } else if (connection.username || connection.password) {
    if (!connection.username || !connection.password) {
      throw invalid('basic authentication needs both username and password', actionKey);
    }
    options.auth = { username: connection.username, password: connection.password };
  }
  if (connection.caCertificate) {
    options.tls = { ca: connection.caCertificate };
  } else if (connection.caFingerprint) {
    // The fingerprint check on the CA in the server's chain replaces the usual CA verification,
    // as Elastic's client docs configure it ("Verify with a CA fingerprint").
    options.caFingerprint = connection.caFingerprint;
    options.tls = { rejectUnauthorized: false };
  }
  return options;
}

/**
 * The API key as the `Authorization: ApiKey` header wants it: base64 of `id:api_key`. Kibana shows
 * that "encoded" form; the create-API-key response also gives `id` and `api_key` separately.
 * @example encodedApiKey('VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw') // 'VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=='
 */
export function encodedApiKey(apiKey: string): string {
  const key = apiKey.trim();
  return key.includes(':') ? Buffer.from(key, 'utf8').toString('base64') : key;
}

/**
 * The host a Cloud ID names (`label:base64(host[:port]$es-id$kibana-id)`), checked to be an
 * Elastic Cloud domain: the sandbox lets the connector reach only those (network.allow). A Cloud
 * ID of Elastic Cloud Enterprise names the operator's own domain; such a deployment is reached
 * through its node URL instead.
 * @example cloudHost('staging:dXMtZWFzdC0xLmF3cy5mb3VuZC5pbyRjZWM2ZjI2MWE3NGJmMjRjZTMzYmI4ODExYjg0Mjk0ZiRjNmMyY2E2ZDA0MjI0OWFmMGNjN2Q3YTllOTYyNTc0Mw==') // 'cec6f261a74bf24ce33bb8811b84294f.us-east-1.aws.found.io'
 */
export function cloudHost(cloudId: string, actionKey?: string): string {
  const encoded = cloudId.slice(cloudId.indexOf(':') + 1);
  const [domain = '', esId = ''] = Buffer.from(encoded, 'base64').toString('utf8').split('$');
  const host = domain.split(':')[0]?.toLowerCase() ?? '';
  if (!host || !esId || !/^[a-z0-9.-]+$/.test(host)) {
    throw invalid(
      'the Cloud ID cannot be read',
      actionKey,
      'Copy the Cloud ID from the deployment page of the Elastic Cloud console, label included.',
    );
  }
  if (!ELASTIC_CLOUD_DOMAINS.some((suffix) => host === suffix || host.endsWith(`.${suffix}`))) {
    throw invalid(
      `the Cloud ID names ${host}, which is not an Elastic Cloud domain (${ELASTIC_CLOUD_DOMAINS.join(', ')})`,
      actionKey,
      "For Elastic Cloud Enterprise or a proxy, give the deployment's Elasticsearch endpoint as node instead.",
    );
  }
  return `${esId}.${host}`;
}

function invalid(message: string, actionKey?: string, hint?: string): ConnectorError {
  return new ConnectorError(message, { kind: 'invalid_input', actionKey }, hint ?? 'Fix the Elasticsearch connection.');
}
