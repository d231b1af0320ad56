import { randomUUID } from 'node:crypto';
import { ConnectorError } from '@mova/sdk';
import mqtt, { type IClientOptions, type IConnackPacket, type MqttClient } from 'mqtt';
import type { MqttConnection } from './connection.js';
import { toConnectorError } from './errors.js';

export interface CallContext {
  signal?: AbortSignal;
  actionKey?: string;
}

/** How one call connects: a throwaway clean session (actions) or a named persistent one (the trigger). */
export interface SessionOptions {
  /** Client id to use instead of the connection's or a random one. */
  clientId?: string;
  /** Keep the session (subscriptions, queued messages) on the broker after disconnecting. */
  persistent?: boolean;
  /** MQTT 5: how long the broker keeps a persistent session after we disconnect, in seconds. */
  sessionExpirySeconds?: number;
  /** Decides, per QoS 1/2 message, whether to acknowledge it; an unacknowledged one is redelivered later. */
  accept?: IClientOptions['customHandleAcks'];
}

export interface Session {
  client: MqttClient;
  /** Whether the broker still held a session for this client id (CONNACK session present). */
  sessionPresent: boolean;
  protocolVersion: 3 | 4 | 5;
}

const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Connects for one call, runs `use`, and always disconnects. No reconnects, no offline queue: a
 * broker that is down or refuses us fails the step, and the runtime's retry policy takes over.
 */
export async function withMqtt<T>(
  connection: MqttConnection,
  ctx: CallContext,
  use: (session: Session) => Promise<T>,
  session: SessionOptions = {},
): Promise<T> {
  const { url, options } = clientOptions(connection, session, ctx.actionKey);
  let client: MqttClient | undefined;
  try {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    client = mqtt.connect(url, options);
    const connack = await connected(client, ctx.signal);
    const result = await use({
      client,
      sessionPresent: connack.sessionPresent,
      protocolVersion: options.protocolVersion,
    });
    await disconnect(client);
    return result;
  } catch (error) {
    await client?.endAsync(true).catch(() => {});
    throw toConnectorError(ctx.signal?.aborted ? ctx.signal.reason : error, ctx.actionKey);
  }
}

/**
 * Sends DISCONNECT once every packet we wrote is out (a QoS 0 publish has no acknowledgement to
 * wait for, and a forced close could drop it), but does not wait long on a broker gone quiet.
 */
async function disconnect(client: MqttClient): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const graceful = client.endAsync(false).then(() => true);
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), 2000);
  });
  const ended = await Promise.race([graceful, late]).catch(() => false);
  clearTimeout(timer);
  if (!ended) await client.endAsync(true).catch(() => {});
}

/** Resolves with the CONNACK, or rejects with why the connection failed (socket error, refusal, timeout, abort). */
function connected(client: MqttClient, signal?: AbortSignal): Promise<IConnackPacket> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      client.off('connect', onConnect);
      client.off('error', onError);
      client.off('close', onClose);
      signal?.removeEventListener('abort', onAbort);
    };
    const onConnect = (connack: IConnackPacket) => {
      done();
      resolve(connack);
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const onClose = () => {
      done();
      reject(new Error('the broker closed the connection before accepting it'));
    };
    const onAbort = () => {
      done();
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      done();
      reject(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' }));
    }, CONNECT_TIMEOUT_MS);
    client.on('connect', onConnect);
    client.on('error', onError);
    client.on('close', onClose);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function clientOptions(
  connection: MqttConnection,
  session: SessionOptions,
  actionKey?: string,
): { url: string; options: IClientOptions & { protocolVersion: 3 | 4 | 5 } } {
  const { url, host, port, tls, username, password, ca, clientCertificate, clientKey, servername } = connection;
  if (!url && !host) {
    throw new ConnectorError(
      'the MQTT connection has neither a URL nor a host',
      { kind: 'invalid_input', actionKey },
      'Set `url` (mqtt://host:1883) or `host` in the connection.',
    );
  }
  const protocolVersion = connection.protocolVersion ?? 5;
  const persistent = session.persistent === true;
  const options: IClientOptions & { protocolVersion: 3 | 4 | 5 } = {
    protocolVersion,
    clientId: session.clientId ?? connection.clientId ?? `mova-${randomUUID().replaceAll('-', '').slice(0, 18)}`,
    clean: !persistent,
    reconnectPeriod: 0,
    connectTimeout: CONNECT_TIMEOUT_MS,
    queueQoSZero: false,
    resubscribe: false,
    keepalive: 60,
  };
  if (persistent && protocolVersion === 5) {
    options.properties = { sessionExpiryInterval: session.sessionExpirySeconds ?? 86_400 };
  }
  if (session.accept) options.customHandleAcks = session.accept;
  if (username !== undefined) options.username = username;
  if (password !== undefined) options.password = password;
  if (ca !== undefined) options.ca = ca;
  if (clientCertificate !== undefined) options.cert = clientCertificate;
  if (clientKey !== undefined) options.key = clientKey;
  if (servername !== undefined) options.servername = servername;
  if (url) return { url, options };
  const protocol = tls ? 'mqtts' : 'mqtt';
  return { url: `${protocol}://${bracketed(host ?? '')}:${port ?? (tls ? 8883 : 1883)}`, options };
}

function bracketed(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
