import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

/** s3rver's built-in account: it checks SigV4 signatures against this key pair. */
export const S3RVER_KEY = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface S3Reference {
  /** `http://127.0.0.1:<port>`, what a connection's endpoint names. */
  url: string;
  /** A client of the test's own, outside the sandbox, to look at what the server holds. */
  direct: S3Client;
  close(): Promise<void>;
}

/**
 * s3rver (npm), a file-backed S3 server that implements the REST API and checks SigV4 header and
 * query signatures, on a free loopback port with its store in a temporary folder.
 */
export async function startS3rver(): Promise<S3Reference> {
  const directory = await mkdtemp(join(tmpdir(), 'mova-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const { port } = await server.run();
  const url = `http://127.0.0.1:${port}`;
  const direct = new S3Client({
    region: 'us-east-1',
    endpoint: url,
    forcePathStyle: true,
    credentials: S3RVER_KEY,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    url,
    direct,
    async close() {
      direct.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
