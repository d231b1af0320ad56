import { ConnectorError } from '@mova/sdk';
import { mailTlsOptions } from '@mova/sdk/mail';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { ImapConnection } from './connection.js';
import { imapErrors } from './errors.js';

export interface CallContext {
  signal?: AbortSignal;
  actionKey?: string;
}

const TIMEOUT_MS = 30_000;

/**
 * Logs in for one call, runs `use` and logs out; a failure becomes a ConnectorError through the
 * IMAP error table. Steps are short and far apart, so no session is kept between them.
 */
export async function withImap<T>(
  connection: ImapConnection,
  ctx: CallContext,
  use: (client: ImapFlow) => Promise<T>,
): Promise<T> {
  const client = new ImapFlow(clientOptions(connection, ctx.actionKey));
  // imapflow reports socket failures as 'error' events too; the pending command rejects with them.
  client.on('error', () => {});
  const abort = () => client.close();
  ctx.signal?.addEventListener('abort', abort, { once: true });
  try {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    await client.connect();
    const result = await use(client);
    await client.logout();
    return result;
  } catch (error) {
    throw imapErrors.toConnectorError(ctx.signal?.aborted ? ctx.signal.reason : error, ctx.actionKey);
  } finally {
    ctx.signal?.removeEventListener('abort', abort);
    client.close();
  }
}

/**
 * Runs `use` with `path` selected: read-only (EXAMINE) unless the call changes messages. With
 * `expectedUidValidity`, a mailbox whose UIDVALIDITY changed since the UIDs were read is refused:
 * its UIDs may now name other messages.
 */
export async function inMailbox<T>(
  client: ImapFlow,
  path: string,
  options: { readOnly: boolean; expectedUidValidity?: number | undefined; actionKey?: string | undefined },
  use: (uidValidity: number) => Promise<T>,
): Promise<T> {
  const lock = await client.getMailboxLock(path, { readOnly: options.readOnly }).catch((error: unknown) => {
    throw selectFailure(error, path, options.actionKey);
  });
  try {
    const mailbox = client.mailbox;
    const uidValidity = mailbox ? Number(mailbox.uidValidity) : 0;
    if (options.expectedUidValidity !== undefined && options.expectedUidValidity !== uidValidity) {
      throw new ConnectorError(
        `the UIDVALIDITY of ${path} is now ${uidValidity}, not ${options.expectedUidValidity}: the UIDs are stale`,
        { kind: 'conflict', actionKey: options.actionKey },
        'The server renumbered the mailbox; search it again for current UIDs.',
      );
    }
    return await use(uidValidity);
  } finally {
    lock.release();
  }
}

/** imapflow's options for a connection. */
export function clientOptions(connection: ImapConnection, actionKey?: string): ImapFlowOptions {
  const security = connection.security ?? 'tls';
  if (connection.password === undefined && connection.accessToken === undefined) {
    throw new ConnectorError(
      'the IMAP connection has neither a password nor an access token',
      { kind: 'invalid_input', actionKey },
      'Set password, or accessToken for XOAUTH2.',
    );
  }
  return {
    host: connection.host,
    port: connection.port ?? (security === 'tls' ? 993 : 143),
    secure: security === 'tls',
    // true: STARTTLS is required and a server without it is refused; false: never tried.
    doSTARTTLS: security === 'starttls',
    auth:
      connection.accessToken !== undefined
        ? { user: connection.username, accessToken: connection.accessToken }
        : { user: connection.username, pass: connection.password ?? '' },
    tls: mailTlsOptions(connection),
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  };
}

/**
 * SELECT or EXAMINE refused (NO or BAD, no more specific response code than NONEXISTENT): the
 * mailbox does not exist or cannot be opened. Servers say so differently (Dovecot: NO
 * [NONEXISTENT]; others a bare NO or BAD), so every such refusal is not_found.
 */
export function selectFailure(error: unknown, path: string, actionKey?: string): unknown {
  const { responseStatus, serverResponseCode, responseText } = error as {
    responseStatus?: unknown;
    serverResponseCode?: unknown;
    responseText?: unknown;
  };
  const refused = responseStatus === 'NO' || responseStatus === 'BAD';
  if (!refused || (serverResponseCode !== undefined && serverResponseCode !== 'NONEXISTENT')) return error;
  return new ConnectorError(
    `cannot open mailbox ${path}: ${typeof responseText === 'string' ? responseText : 'the server refused it'}`,
    {
      kind: 'not_found',
      actionKey,
      vendorMessage: typeof responseText === 'string' ? responseText : undefined,
      cause: error,
    },
    'Check the mailbox path with mailboxes.list (paths are case-sensitive, except INBOX).',
  );
}

/**
 * A change the server refused. imapflow reports a refused STORE, MOVE or EXPUNGE by answering
 * false (it logs the server's words), so nothing more specific is known.
 */
export function refused(what: string, mailbox: string, actionKey?: string): ConnectorError {
  return new ConnectorError(
    `the IMAP server refused to ${what} in ${mailbox}`,
    { kind: 'unknown', actionKey },
    'Check that the account may change this mailbox (it may be read-only or shared) and that the destination exists.',
  );
}
