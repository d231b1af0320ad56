import { ConnectorError } from '@mova/sdk';
import { mailTlsOptions } from '@mova/sdk/mail';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { SmtpConnection } from './connection.js';
import { smtpErrors } from './errors.js';

export interface CallContext {
  signal?: AbortSignal;
  actionKey?: string;
}

const TIMEOUT_MS = 30_000;

/**
 * Opens one SMTP session for a call, runs `use` and closes it; a failure becomes a ConnectorError
 * through the SMTP error table. No pooling: a step sends one message.
 */
export async function withSmtp<T>(
  connection: SmtpConnection,
  ctx: CallContext,
  use: (transporter: Transporter<SMTPTransport.SentMessageInfo>) => Promise<T>,
): Promise<T> {
  const transporter = createTransport(transportOptions(connection, ctx.actionKey));
  const abort = () => transporter.close();
  ctx.signal?.addEventListener('abort', abort, { once: true });
  try {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    return await use(transporter);
  } catch (error) {
    throw smtpErrors.toConnectorError(ctx.signal?.aborted ? ctx.signal.reason : error, ctx.actionKey);
  } finally {
    ctx.signal?.removeEventListener('abort', abort);
    transporter.close();
  }
}

/** Nodemailer's SMTP transport options for a connection. */
export function transportOptions(connection: SmtpConnection, actionKey?: string): SMTPTransport.Options {
  const security = connection.security ?? 'starttls';
  const options: SMTPTransport.Options = {
    host: connection.host,
    port: connection.port ?? (security === 'tls' ? 465 : 587),
    secure: security === 'tls',
    requireTLS: security === 'starttls',
    ignoreTLS: security === 'none',
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    tls: mailTlsOptions(connection),
  };
  if (connection.clientName) options.name = connection.clientName;
  if (connection.accessToken !== undefined) {
    if (!connection.username)
      throw invalid('XOAUTH2 needs the username (the mailbox address) with the access token', actionKey);
    options.auth = { type: 'OAuth2', user: connection.username, accessToken: connection.accessToken };
  } else if (connection.username !== undefined || connection.password !== undefined) {
    if (!connection.username || connection.password === undefined) {
      throw invalid('SMTP login needs both username and password (or username and accessToken)', actionKey);
    }
    options.auth = { user: connection.username, pass: connection.password };
  }
  return options;
}

function invalid(message: string, actionKey?: string): ConnectorError {
  return new ConnectorError(message, { kind: 'invalid_input', actionKey }, 'Fix the SMTP connection.');
}
