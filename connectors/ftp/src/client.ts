import { posix } from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import { Client, type FileInfo, type FTPContext, type FTPResponse } from 'basic-ftp';
import { connectForPassiveTransfer, parseEpsvResponse, parsePasvResponse } from 'basic-ftp/dist/transfer.js';
import type { FtpConnection } from './connection.js';
import { ftpErrors, isMissing } from './errors.js';

export interface CallContext {
  signal?: AbortSignal;
  actionKey?: string;
}

const TIMEOUT_MS = 30_000;

/**
 * Logs in for one call, runs `use`, and always closes. A failure becomes a ConnectorError through
 * the FTP reply-code table.
 */
export async function withFtp<T>(
  connection: FtpConnection,
  ctx: CallContext,
  use: (ftp: Client) => Promise<T>,
): Promise<T> {
  const ftp = new Client(TIMEOUT_MS);
  const abort = () => ftp.close();
  ctx.signal?.addEventListener('abort', abort, { once: true });
  try {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    ftp.prepareTransfer = passiveToControlHost(connection.host);
    await ftp.access(accessOptions(connection));
    return await use(ftp);
  } catch (error) {
    throw ftpErrors.toConnectorError(ctx.signal?.aborted ? ctx.signal.reason : error, ctx.actionKey);
  } finally {
    ctx.signal?.removeEventListener('abort', abort);
    ftp.close();
  }
}

export function accessOptions(connection: FtpConnection) {
  const secureOptions: ConnectionOptions = {};
  if (connection.ca !== undefined) secureOptions.ca = connection.ca;
  if (connection.servername !== undefined) secureOptions.servername = connection.servername;
  return {
    host: connection.host,
    port: connection.port ?? (connection.tls === 'implicit' ? 990 : 21),
    user: connection.username,
    password: connection.password ?? (connection.username === 'anonymous' ? 'anonymous@' : ''),
    secure: connection.tls === 'none' ? false : connection.tls === 'implicit' ? ('implicit' as const) : true,
    secureOptions,
  };
}

/** The entry named `name` in `folder`, read from the folder's listing (works for files and folders alike). */
export async function findEntry(ftp: Client, path: string): Promise<FileInfo | undefined> {
  const folder = posix.dirname(path);
  const name = posix.basename(path);
  try {
    return (await ftp.list(folder)).find((entry) => entry.name === name);
  } catch (error) {
    // A missing parent folder: nothing is at the path either.
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/**
 * Opens each data connection to the host the connection names, at the port the server's EPSV (or
 * PASV) reply gives. basic-ftp would take the control socket's peer address (the sandbox's tunnel
 * end, not the server, when egress goes through the host proxy) or the address in the PASV reply
 * (a NATed server's private address, or any host a hostile server names: the FTP bounce attack).
 * Using the named host, as curl does by default, reaches the server and nothing else.
 */
export function passiveToControlHost(host: string) {
  return async (ftp: FTPContext): Promise<FTPResponse> => {
    let response: FTPResponse;
    let port: number;
    try {
      response = await ftp.request('EPSV');
      port = parseEpsvResponse(response.message);
    } catch {
      response = await ftp.request('PASV');
      port = parsePasvResponse(response.message).port;
    }
    // Resume the control connection's TLS session on every data connection, as servers that check
    // session reuse expect, not the ticket the previous data connection got: a data server that
    // cannot resume that one (ftp-srv starts a new one per transfer) breaks the handshake.
    ftp.tlsSessionStore = undefined;
    await connectForPassiveTransfer(host, port, ftp);
    // A data socket can still report an error after its transfer is over (a server that drops
    // a TLS data connection without close_notify); nobody listens then, and in a sandbox an
    // unheard error fails whatever step runs. basic-ftp's own listeners handle the transfer.
    ftp.dataSocket?.on('error', () => {});
    return response;
  };
}
