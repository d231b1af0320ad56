import { createHash } from 'node:crypto';
import { defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withMqtt } from '../client.js';
import { Collector, subscribe } from '../collect.js';
import type { MqttConnection } from '../connection.js';
import { Message } from '../message.js';
import { decodeSchema } from '../payload.js';
import { topicFilterSchema } from '../topic.js';

/** Queued messages follow the CONNACK at once; a pause this long means the broker has sent them all. */
const QUIET_MS = 300;

export const newMessage = defineTrigger({
  auth,
  kind: 'polling',
  key: 'messages.new',
  title: 'New message',
  description:
    'Fires once for each message published to a topic filter. The broker keeps a persistent session for the trigger and queues QoS 1/2 messages between polls; each poll takes what was queued. The first poll creates the session and fires for nothing.',
  input: Type.Object({
    topic: topicFilterSchema('Topic filter to watch, e.g. `orders/+/created` or `alerts/#`'),
    qos: Type.Union([Type.Literal(1), Type.Literal(2)], {
      default: 1,
      description:
        'Subscription QoS: 1 or 2 (MQTT 3.1.1 connections always use 1). Messages published with QoS 0 are not queued while the trigger is between polls, only those with 1 or 2.',
    }),
    subscriptionName: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        description:
          'Name that makes the broker session unique, when two workflows watch the same filter on the same connection and each should get every message',
      }),
    ),
    sessionExpirySeconds: Type.Integer({
      minimum: 60,
      maximum: 4294967295,
      default: 604800,
      description:
        'MQTT 5: how long the broker keeps queuing for the trigger when it stops polling (default 7 days). MQTT 3.1.1 brokers keep the session as their own settings say.',
    }),
    maxMessages: Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 100,
      description: 'Most messages one poll takes; the rest stay queued on the broker for the next poll',
    }),
    decode: decodeSchema,
  }),
  output: Message,
  // The broker's session is the real dedupe: it hands each queued message to one connection,
  // which acknowledges only what it emits. `receivedAt` never repeats or goes back within a
  // process, so the timestamp dedupe keeps every one of them and drops only a replayed poll.
  dedupe: { by: 'timestamp', field: 'receivedAt' },
  examples: [
    {
      input: { topic: 'orders/+/created', qos: 1, sessionExpirySeconds: 604800, maxMessages: 100, decode: 'auto' },
      output: {
        topic: 'orders/eu/created',
        payload: { id: 7, total: 42.5 },
        encoding: 'json',
        bytes: 21,
        qos: 1,
        retain: false,
        duplicate: false,
        receivedAt: '2025-03-04T18:00:00.412Z',
        properties: { contentType: 'application/json' },
      },
    },
  ],
  async poll({ input, auth, ctx }) {
    const collector = new Collector({
      max: input.maxMessages,
      decode: input.decode,
      // Retained messages come with a new subscription: they are the topic's past, not new messages.
      includeRetained: false,
      actionKey: ctx.actionKey,
    });
    return withMqtt(
      auth,
      ctx,
      async (session) => {
        collector.listen(session);
        // With MQTT 3.1.1 mqtt.js sends PUBREC for a QoS 2 message before we see it, so one the
        // poll has no room for would be lost; at QoS 1 an unacknowledged message is redelivered.
        const qos = session.protocolVersion === 5 ? input.qos : 1;
        if (!session.sessionPresent) await subscribe(session, [input.topic], qos, false);
        await collector.wait(10_000, ctx.signal, QUIET_MS);
        return collector.stop();
      },
      {
        clientId: sessionClientId(auth, input.topic, input.subscriptionName),
        persistent: true,
        sessionExpirySeconds: input.sessionExpirySeconds,
        accept: collector.accept,
      },
    );
  },
});

/**
 * The client id of a trigger's session: stable across polls, distinct per broker, user, filter and
 * name, and 22 characters long (MQTT 3.1 brokers may refuse ids over 23).
 */
export function sessionClientId(connection: MqttConnection, topic: string, name?: string): string {
  const where = connection.url ?? `${connection.host}:${connection.port ?? ''}`;
  const digest = createHash('sha256')
    .update(JSON.stringify([where, connection.username ?? '', topic, name ?? '']))
    .digest('hex');
  return `mova-${digest.slice(0, 17)}`;
}
