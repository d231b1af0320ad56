import { type Static, Type } from '@mova/sdk';
import { encodePayload, payloadEncodingField, payloadField } from '@mova/sdk/messaging';
import type { IClientPublishOptions, Packet } from 'mqtt';
import type { Session } from './client.js';

export const qosSchema = (description: string, fallback: 0 | 1 | 2) =>
  Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal(2)], { default: fallback, description });

/** One message to publish; shared by `publish` and `publishMany`. */
export const OutgoingMessage = Type.Object({
  topic: Type.String({
    minLength: 1,
    maxLength: 65535,
    pattern: '^[^#+]*$',
    description: 'Topic to publish to, e.g. `devices/42/commands` (no wildcards)',
  }),
  payload: payloadField(),
  encoding: payloadEncodingField(),
  qos: qosSchema(
    'Quality of service: 0 at most once (no acknowledgement), 1 at least once, 2 exactly once. With 1 and 2 the step completes when the broker has acknowledged the message.',
    1,
  ),
  retain: Type.Boolean({
    default: false,
    description: 'Ask the broker to keep this as the last known value of the topic, sent to every future subscriber',
  }),
  contentType: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'MQTT 5 content type; default text/plain, application/json or application/octet-stream',
    }),
  ),
  responseTopic: Type.Optional(
    Type.String({
      minLength: 1,
      pattern: '^[^#+]*$',
      description: 'MQTT 5 response topic: where a responder should reply',
    }),
  ),
  correlationData: Type.Optional(
    Type.String({ description: 'MQTT 5 correlation data, sent as UTF-8, that a responder echoes in its reply' }),
  ),
  userProperties: Type.Optional(
    Type.Record(Type.String(), Type.String(), { description: 'MQTT 5 user properties (name-value headers)' }),
  ),
  messageExpirySeconds: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 4294967295,
      description:
        'MQTT 5 message expiry: the broker drops the message if it cannot deliver it within this many seconds',
    }),
  ),
});

export const PublishResult = Type.Object({
  topic: Type.String({ description: 'Topic published to' }),
  qos: Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal(2)], { description: 'QoS used' }),
  retain: Type.Boolean({ description: 'Whether the message was published as retained' }),
  bytes: Type.Integer({ minimum: 0, description: 'Size of the payload sent' }),
  acknowledged: Type.Boolean({ description: 'True when the broker acknowledged the message (QoS 1 and 2)' }),
  matchedSubscribers: Type.Optional(
    Type.Boolean({ description: 'MQTT 5, QoS 1 and 2: false when the broker said no subscriber matched the topic' }),
  ),
});

type Outgoing = Static<typeof OutgoingMessage>;
type Result = Static<typeof PublishResult>;

/** MQTT 5 PUBACK/PUBREC reason "No matching subscribers": a success, but worth telling. */
const NO_MATCHING_SUBSCRIBERS = 16;

/** Publishes one message and, for QoS 1/2, waits for the broker's acknowledgement. */
export async function publishOne(session: Session, message: Outgoing, actionKey: string): Promise<Result> {
  const encoded = encodePayload(message.payload, message.encoding, actionKey);
  const options: IClientPublishOptions = { qos: message.qos, retain: message.retain };
  if (session.protocolVersion === 5) {
    options.properties = {
      contentType: message.contentType ?? encoded.contentType,
      payloadFormatIndicator: encoded.utf8,
    };
    if (message.responseTopic !== undefined) options.properties.responseTopic = message.responseTopic;
    if (message.correlationData !== undefined) {
      options.properties.correlationData = Buffer.from(message.correlationData, 'utf8');
    }
    if (message.userProperties !== undefined) options.properties.userProperties = message.userProperties;
    if (message.messageExpirySeconds !== undefined) {
      options.properties.messageExpiryInterval = message.messageExpirySeconds;
    }
  }
  const reasons = ackReasons(session);
  try {
    const sent = await session.client.publishAsync(message.topic, encoded.body, options);
    const result: Result = {
      topic: message.topic,
      qos: message.qos,
      retain: message.retain,
      bytes: encoded.body.length,
      acknowledged: message.qos > 0,
    };
    const reason = sent?.messageId === undefined ? undefined : reasons.of(sent.messageId);
    if (session.protocolVersion === 5 && reason !== undefined) {
      result.matchedSubscribers = reason !== NO_MATCHING_SUBSCRIBERS;
    }
    return result;
  } finally {
    reasons.stop();
  }
}

/** mqtt.js resolves a publish with the packet it sent; the broker's reason code is in the acknowledgement. */
function ackReasons(session: Session) {
  const seen = new Map<number, number>();
  const onPacket = (packet: Packet) => {
    if ((packet.cmd === 'puback' || packet.cmd === 'pubrec') && packet.messageId !== undefined) {
      seen.set(packet.messageId, packet.reasonCode ?? 0);
    }
  };
  session.client.on('packetreceive', onPacket);
  return {
    of: (messageId: number) => seen.get(messageId),
    stop: () => session.client.off('packetreceive', onPacket),
  };
}
