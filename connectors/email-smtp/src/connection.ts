import { type Static, Type } from '@mova/sdk';
import { mailConnectionFields } from '@mova/sdk/mail';

/** The connection fields: the SMTP server, how the session is encrypted, and the login. */
export const connectionFields = Type.Object({
  host: Type.String({ minLength: 1, description: 'SMTP server host name or IP address, e.g. smtp.example.com' }),
  port: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 65535,
      description: 'SMTP port: 587 (submission, the default with starttls), 465 (implicit TLS) or 25',
    }),
  ),
  security: Type.Union([Type.Literal('starttls'), Type.Literal('tls'), Type.Literal('none')], {
    default: 'starttls',
    description:
      'starttls (default): connect in clear and require the STARTTLS upgrade before login; tls: TLS from the first byte (SMTPS, port 465); none: no encryption, for a relay on a trusted network',
  }),
  username: Type.Optional(
    Type.String({ minLength: 1, description: 'User name to log in as (leave out for a relay that needs no login)' }),
  ),
  password: Type.Optional(
    Type.String({ minLength: 1, writeOnly: true, description: 'Password (or app password) for AUTH PLAIN/LOGIN' }),
  ),
  ...mailConnectionFields,
  clientName: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Host name this client gives in EHLO (default: the machine name); some relays check it',
    }),
  ),
});

export type SmtpConnection = Static<typeof connectionFields>;
