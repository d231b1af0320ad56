import { type Static, Type } from '@mova/sdk';
import { type Decoding, decodedPayloadFields, decodePayload } from '@mova/sdk/messaging';
import type { IPublishPacket } from 'mqtt';

export const Message = Type.Object({
  topic: Type.String({ description: 'Topic the message was published to' }),
  ...decodedPayloadFields(),
  qos: Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal(2)], {
    description: 'QoS it was delivered with (the lower of the publish and the subscription QoS)',
  }),
  retain: Type.Boolean({
    description: 'True for a retained message the broker sent because of the subscription (the last known value)',
  }),
  duplicate: Type.Boolean({ description: 'True when the broker says it may have delivered this message before (DUP)' }),
  receivedAt: Type.String({ format: 'date-time', description: 'When the connector received it' }),
  properties: Type.Optional(
    Type.Object(
      {
        contentType: Type.Optional(Type.String({ description: 'Content type the publisher set' })),
        responseTopic: Type.Optional(Type.String({ description: 'Topic the publisher wants replies on' })),
        correlationData: Type.Optional(Type.String({ description: 'Correlation data, base64' })),
        messageExpiryInterval: Type.Optional(Type.Integer({ description: 'Seconds the message had left to live' })),
        userProperties: Type.Optional(
          Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]), {
            description: 'User properties (a name given twice has a list of values)',
          }),
        ),
      },
      { description: 'MQTT 5 properties the publisher set' },
    ),
  ),
});

export type Message = Static<typeof Message>;

let lastStamp = 0;

/**
 * A receipt time that never repeats or goes back within this process, so messages taken in one
 * poll stay in their order when sorted by it.
 */
function receivedAt(): string {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return new Date(lastStamp).toISOString();
}

export function messageOf(packet: IPublishPacket, decoding: Decoding, actionKey: string): Message {
  const body = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
  const props = packet.properties;
  const decoded = decodePayload(body, props?.contentType, decoding, actionKey);
  const message: Message = {
    topic: packet.topic,
    ...decoded,
    bytes: body.length,
    qos: packet.qos,
    retain: packet.retain,
    duplicate: packet.dup,
    receivedAt: receivedAt(),
  };
  if (props) {
    const properties: NonNullable<Message['properties']> = {};
    if (props.contentType !== undefined) properties.contentType = props.contentType;
    if (props.responseTopic !== undefined) properties.responseTopic = props.responseTopic;
    if (props.correlationData !== undefined) properties.correlationData = props.correlationData.toString('base64');
    if (props.messageExpiryInterval !== undefined) properties.messageExpiryInterval = props.messageExpiryInterval;
    if (props.userProperties !== undefined) properties.userProperties = props.userProperties;
    if (Object.keys(properties).length > 0) message.properties = properties;
  }
  return message;
}
