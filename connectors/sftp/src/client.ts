import { createHash, timingSafeEqual } from 'node:crypto';
import { ConnectorError } from '@mova/sdk';
import type { Attributes, FileEntryWithStats, SFTPWrapper } from 'ssh2';
import SftpClient from 'ssh2-sftp-client';
import type { SftpConnection } from './connection.js';
import { sftpErrors } from './errors.js';

export interface CallContext {
  signal?: AbortSignal;
  actionKey?: string;
}

const READY_TIMEOUT_MS = 15_000;

/**
 * Connects for one call, runs `use`, and always ends the session. A failure becomes a
 * ConnectorError through the SFTP error table.
 */
export async function withSftp<T>(
  connection: SftpConnection,
  ctx: CallContext,
  use: (session: Session) => Promise<T>,
): Promise<T> {
  const sftp = new SftpClient('mova');
  const abort = () => void sftp.end().catch(() => {});
  ctx.signal?.addEventListener('abort', abort, { once: true });
  try {
    if (ctx.signal?.aborted) throw ctx.signal.reason;
    const raw = await sftp.connect(connectOptions(connection, ctx.actionKey));
    return await use(new Session(sftp, raw));
  } catch (error) {
    throw sftpErrors.toConnectorError(ctx.signal?.aborted ? ctx.signal.reason : error, ctx.actionKey);
  } finally {
    ctx.signal?.removeEventListener('abort', abort);
    await sftp.end().catch(() => {});
  }
}

export function connectOptions(connection: SftpConnection, actionKey?: string): SftpClient.ConnectOptions {
  if (connection.password === undefined && connection.privateKey === undefined) {
    throw new ConnectorError(
      'the SFTP connection has neither a password nor a private key',
      { kind: 'invalid_input', actionKey },
      'Set `password`, or `privateKey` (and `passphrase` if the key is encrypted).',
    );
  }
  const options: SftpClient.ConnectOptions = {
    host: connection.host,
    port: connection.port,
    username: connection.username,
    readyTimeout: READY_TIMEOUT_MS,
  };
  if (connection.password !== undefined) options.password = connection.password;
  if (connection.privateKey !== undefined) options.privateKey = connection.privateKey;
  if (connection.passphrase !== undefined) options.passphrase = connection.passphrase;
  const pinned = connection.hostFingerprint;
  if (pinned !== undefined) options.hostVerifier = (key: Buffer) => matchesFingerprint(key, pinned);
  return options;
}

/**
 * Whether a host key (its SSH wire blob) has the OpenSSH SHA-256 fingerprint given, with or
 * without the `SHA256:` prefix and base64 padding.
 */
export function matchesFingerprint(key: Buffer, fingerprint: string): boolean {
  const expected = Buffer.from(fingerprint.replace(/^SHA256:/, '').replace(/=+$/, ''), 'base64');
  const actual = createHash('sha256').update(key).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * One connected session: ssh2-sftp-client for transfers and path checks, and ssh2's own SFTP
 * channel where the raw attributes matter (listings read the type from the mode bits; the
 * client would read it from the `ls -l` text, which servers format as they like).
 */
export class Session {
  constructor(
    readonly client: SftpClient,
    private readonly raw: SFTPWrapper,
  ) {}

  readdir(path: string): Promise<FileEntryWithStats[]> {
    return new Promise((resolve, reject) => {
      this.raw.readdir(path, (error, list) => (error ? reject(error) : resolve(list)));
    });
  }

  /** The attributes of a path (following symlinks), or undefined when nothing is there. */
  stat(path: string): Promise<Attributes | undefined> {
    return new Promise((resolve, reject) => {
      this.raw.stat(path, (error, stats) => {
        if (!error) return resolve(stats);
        if ((error as { code?: unknown }).code === 2) return resolve(undefined);
        reject(error);
      });
    });
  }
}
