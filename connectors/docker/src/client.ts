import { IncomingMessage } from 'node:http';
import { type ActionContext, ConnectorError, serviceUrlOf } from '@mova/sdk';
import Docker from 'dockerode';
import type { DockerConnection } from './connection.js';
import { dockerErrors } from './errors.js';

type CallContext = Pick<ActionContext, 'signal' | 'actionKey'> | undefined;

/** dockerode's options for this connection: TCP host and port, TLS material, API version. */
export function dockerOptions(connection: DockerConnection): Docker.DockerOptions {
  const given = serviceUrlOf(connection.url, connection.url);
  const url = new URL(given);
  const https = url.protocol === 'https:';
  // URL drops a port that is the scheme's default (https://host:443), which Docker does not share.
  const port = url.port || /^[a-z]+:\/\/(?:\[[^\]]*\]|[^/:]+):(\d+)/i.exec(given)?.[1];
  if (Boolean(connection.cert) !== Boolean(connection.key)) {
    throw new ConnectorError(
      'the Docker connection has a client certificate without its key, or a key without its certificate',
      { kind: 'invalid_input' },
      'Give both cert (cert.pem) and key (key.pem), or neither.',
    );
  }
  return {
    protocol: https ? 'https' : 'http',
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: port || (https ? '2376' : '2375'),
    ...(connection.ca ? { ca: connection.ca } : {}),
    ...(connection.cert ? { cert: connection.cert } : {}),
    ...(connection.key ? { key: connection.key } : {}),
    ...(connection.apiVersion ? { version: connection.apiVersion.replace(/^(?!v)/, 'v') } : {}),
    // Idle socket timeout; a step's own deadline comes through its abort signal.
    timeout: 120_000,
  };
}

/**
 * Runs `use` with a dockerode client for this connection; failures leave as ConnectorErrors.
 * @example
 * const info = await withDocker(auth, ctx, (docker) => docker.getContainer('web').inspect());
 */
export async function withDocker<T>(
  connection: DockerConnection,
  ctx: CallContext,
  use: (docker: Docker) => Promise<T>,
): Promise<T> {
  return dockerErrors.call(ctx?.actionKey, async () => use(new Docker(dockerOptions(connection))));
}

/**
 * Opens a streamed answer through dockerode's modem (logs without follow, exec output), so the body
 * is read as bytes with a cap instead of buffered and guessed at as JSON.
 */
export function openStream(
  docker: Docker,
  request: { method: 'GET' | 'POST'; path: string; options?: Record<string, unknown>; signal?: AbortSignal },
  statusCodes: Record<number, true | string>,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        method: request.method,
        path: request.path,
        options: request.options ?? {},
        isStream: true,
        allowEmpty: request.method === 'POST',
        statusCodes,
        abortSignal: request.signal,
      },
      (error: unknown, response: unknown) => {
        if (error) reject(error);
        else if (response instanceof IncomingMessage) resolve(response);
        else reject(new Error(`the Docker daemon gave no stream for ${request.method} ${request.path}`));
      },
    );
  });
}

/** X-Registry-Auth for pulls, from the connection's registry fields. */
export function registryAuth(connection: DockerConnection): Docker.AuthConfig | undefined {
  if (!connection.registryUsername && !connection.registryPassword) return undefined;
  return {
    username: connection.registryUsername ?? '',
    password: connection.registryPassword ?? '',
    serveraddress: connection.registryServer ?? 'https://index.docker.io/v1/',
  };
}
