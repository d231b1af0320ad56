import { S3Client } from '@aws-sdk/client-s3';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { awsClientConfig } from '@mova/sdk/aws';
import type { S3Connection } from './connection.js';
import { s3Errors } from './errors.js';

export interface CallContext {
  signal?: AbortSignal;
  actionKey?: string;
}

export interface S3ClientOptions {
  /**
   * For presigning: a presigned PUT must not carry a checksum of a body that is not known yet
   * (the SDK would sign the CRC32 of an empty one, and every real upload would fail).
   */
  presigning?: boolean;
}

/** The S3 client a connection describes. */
export function s3Client(connection: S3Connection, actionKey?: string, options: S3ClientOptions = {}): S3Client {
  const custom = connection.endpoint !== undefined;
  return new S3Client({
    ...awsClientConfig(connection, { connector: 'aws-s3', assumeRole: fromTemporaryCredentials, actionKey }),
    forcePathStyle: connection.forcePathStyle ?? custom,
    // Checksums beyond Content-MD5 (CRC32 headers, aws-chunked trailers) are sent to AWS itself;
    // many S3-compatible stores reject or mangle them, so a custom endpoint gets them only where an
    // operation requires one.
    ...(custom || options.presigning
      ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }
      : {}),
  });
}

/**
 * Opens a client for one call, runs `use` and destroys it (its sockets), mapping failures to
 * ConnectorErrors.
 */
export async function withS3<T>(
  connection: S3Connection,
  ctx: CallContext,
  use: (client: S3Client, options: { abortSignal?: AbortSignal }) => Promise<T>,
  clientOptions: S3ClientOptions = {},
): Promise<T> {
  const s3 = s3Client(connection, ctx.actionKey, clientOptions);
  try {
    return await s3Errors.call(ctx.actionKey, () => use(s3, ctx.signal ? { abortSignal: ctx.signal } : {}));
  } finally {
    s3.destroy();
  }
}
