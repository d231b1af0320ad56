import { isIP } from 'node:net';
import { ConnectorError } from '@mova/sdk';
import {
  type Authenticator,
  connect,
  credsAuthenticator,
  type NatsConnection as Nats,
  type NodeConnectionOptions,
  nkeyAuthenticator,
  type TlsOptions,
  tokenAuthenticator,
  usernamePasswordAuthenticator,
} from '@nats-io/transport-node';
import type { NatsConnection } from './connection.js';
import { toConnectorError } from './errors.js';

export interface CallContext {
  signal?: AbortSignal;
  actionKey?: string;
}

const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Connects for one call, runs `use`, then drains (flushing what was published) and closes. No
 * reconnects: a server that is down fails the step, and the runtime's retry policy takes over.
 */
export async function withNats<T>(
  connection: NatsConnection,
  ctx: CallContext,
  use: (nc: Nats) => Promise<T>,
): Promise<T> {
  let nc: Nats | undefined;
  const abort = () => void nc?.close();
  ctx.signal?.addEventListener('abort', abort, { once: true });
  try {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    nc = await connect(connectOptions(connection, ctx.actionKey));
    const result = await use(nc);
    await nc.drain();
    return result;
  } catch (error) {
    await nc?.close().catch(() => {});
    throw toConnectorError(ctx.signal?.aborted ? ctx.signal.reason : error, ctx.actionKey);
  } finally {
    ctx.signal?.removeEventListener('abort', abort);
  }
}

export function connectOptions(connection: NatsConnection, actionKey?: string): NodeConnectionOptions {
  const servers = serverList(connection.servers, actionKey);
  const options: NodeConnectionOptions = {
    servers,
    name: 'mova',
    timeout: CONNECT_TIMEOUT_MS,
    reconnect: false,
    maxReconnectAttempts: 0,
    // Servers a cluster advertises are hosts the connection did not name; the sandbox would refuse them.
    ignoreClusterUpdates: true,
  };
  const authenticators = authenticatorsOf(connection);
  if (authenticators.length > 0) options.authenticator = authenticators;
  const { ca, clientCertificate, clientKey } = connection;
  if (connection.tls || ca || clientCertificate || servers.some((server) => server.startsWith('tls://'))) {
    const tls: TlsOptions & { host?: string } = {};
    if (ca !== undefined) tls.ca = ca;
    if (clientCertificate !== undefined) tls.cert = clientCertificate;
    if (clientKey !== undefined) tls.key = clientKey;
    // nats.js gives Node no name to check the certificate against when the server is an IP
    // address, and Node then checks it against "localhost". With one server the right name is
    // known: Node checks the IP against the certificate's IP subject alternative names.
    const ip = servers.length === 1 ? ipHostOf(servers[0] ?? '') : undefined;
    if (ip !== undefined) tls.host = ip;
    options.tls = tls;
  }
  return options;
}

function ipHostOf(server: string): string | undefined {
  try {
    const hostname = new URL(server).hostname.replace(/^\[|\]$/g, '');
    return isIP(hostname) ? hostname : undefined;
  } catch {
    return undefined;
  }
}

function authenticatorsOf(connection: NatsConnection): Authenticator[] {
  const list: Authenticator[] = [];
  if (connection.token !== undefined) list.push(tokenAuthenticator(connection.token));
  if (connection.username !== undefined)
    list.push(usernamePasswordAuthenticator(connection.username, connection.password));
  if (connection.nkeySeed !== undefined)
    list.push(nkeyAuthenticator(new TextEncoder().encode(connection.nkeySeed.trim())));
  if (connection.credentials !== undefined)
    list.push(credsAuthenticator(new TextEncoder().encode(connection.credentials)));
  return list;
}

/**
 * The servers of a `servers` field: one URL, or several hosts in one URL's authority
 * (`nats://a:4222,b:4222`), the form the sandbox reads hosts from.
 * @example serverList('nats://a:4222,b:4222') // ['nats://a:4222', 'nats://b:4222']
 */
export function serverList(servers: string, actionKey?: string): string[] {
  const value = servers.trim();
  const scheme = /^([a-z]+):\/\//i.exec(value)?.[1]?.toLowerCase();
  if (scheme !== undefined && !['nats', 'tls', 'ws', 'wss'].includes(scheme)) {
    throw new ConnectorError(
      `the servers URL has the scheme "${scheme}"`,
      { kind: 'invalid_input', actionKey },
      'Use nats://host:4222, or tls://host:4222 for TLS.',
    );
  }
  const prefix = scheme ? `${scheme}://` : 'nats://';
  const rest = scheme ? value.slice(prefix.length) : value;
  const at = rest.lastIndexOf('@', rest.search(/[/?#]|$/));
  const userinfo = at >= 0 ? rest.slice(0, at + 1) : '';
  const hosts = (at >= 0 ? rest.slice(at + 1) : rest).replace(/\/+$/, '');
  return hosts
    .split(',')
    .map((host) => host.trim())
    .filter((host) => host.length > 0)
    .map((host) => `${prefix}${userinfo}${host}`);
}
