import { Type } from '@sinclair/typebox';

/**
 * The connection fields every mail protocol (IMAP, SMTP, POP3) describes alike: an OAuth 2.0
 * token for SASL XOAUTH2 in place of the password, and the TLS trust settings. Host, port,
 * security and login differ per protocol (default ports, whether a login is needed) and stay with
 * the connector.
 */
export const mailConnectionFields = {
  accessToken: Type.Optional(
    Type.String({
      minLength: 1,
      writeOnly: true,
      description:
        'OAuth 2.0 access token for AUTH XOAUTH2 (Gmail, Microsoft 365), instead of the password; it is sent as it is, not refreshed',
    }),
  ),
  ca: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        "PEM certificate(s) to trust besides the system's: a private CA, or the server's own self-signed certificate",
    }),
  ),
  servername: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Name to check the server certificate against, when it differs from host',
    }),
  ),
};

/**
 * The TLS options of a mail connection for Node's `tls.connect` (nodemailer's and ImapFlow's `tls`):
 * only what it sets, so the client's defaults hold for the rest.
 * @example
 * new ImapFlow({ host, port, secure: true, tls: mailTlsOptions(connection) })
 */
export function mailTlsOptions(connection: { ca?: string; servername?: string }): { ca?: string; servername?: string } {
  return {
    ...(connection.ca ? { ca: connection.ca } : {}),
    ...(connection.servername ? { servername: connection.servername } : {}),
  };
}
