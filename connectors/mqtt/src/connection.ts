import { type Static, Type } from '@mova/sdk';

/** The connection fields: where the broker is, who we are, and how to trust its TLS certificate. */
export const connectionFields = Type.Object({
  url: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'Broker URL: mqtt://host:1883, mqtts://host:8883 (TLS), ws://host/mqtt or wss://host/mqtt (WebSocket). When set, `host`, `port` and `tls` are not used.',
    }),
  ),
  host: Type.Optional(
    Type.String({ minLength: 1, description: 'Broker host name or IP address, when no URL is given' }),
  ),
  port: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 65535,
      description: 'TCP port, when no URL is given (default 1883, 8883 with TLS)',
    }),
  ),
  tls: Type.Optional(Type.Boolean({ description: 'Connect over TLS (mqtts), when no URL is given' })),
  username: Type.Optional(Type.String({ minLength: 1, description: 'User name, if the broker asks for one' })),
  password: Type.Optional(Type.String({ minLength: 1, writeOnly: true, description: 'Password' })),
  clientId: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 128,
      description:
        'Client identifier for actions (default: a random `mova-…` id per call). Brokers such as AWS IoT allow only ids their policy names; two clients with one id disconnect each other.',
    }),
  ),
  protocolVersion: Type.Optional(
    Type.Union([Type.Literal(5), Type.Literal(4), Type.Literal(3)], {
      description: 'MQTT version: 5 (default), 4 for 3.1.1, 3 for 3.1',
    }),
  ),
  ca: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        "PEM certificate(s) of the authority that signed the broker's certificate: trusts a private CA or a self-signed broker, on top of the system's",
    }),
  ),
  clientCertificate: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'PEM client certificate, for brokers that authenticate clients by certificate (mutual TLS)',
    }),
  ),
  clientKey: Type.Optional(
    Type.String({ minLength: 1, writeOnly: true, description: 'PEM private key of the client certificate' }),
  ),
  servername: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Name to check the broker certificate against (TLS SNI), when it differs from the host',
    }),
  ),
});

export type MqttConnection = Static<typeof connectionFields>;
