import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withS3 } from '../client.js';
import { bucketField, keyField } from '../objects.js';

/** SigV4 query signatures last at most 7 days. */
const MAX_EXPIRY_SECONDS = 604_800;

export const createPresignedUrl = defineAction({
  auth,
  key: 'objects.presignedUrl',
  title: 'Create a presigned URL',
  description:
    'Creates a presigned URL (SigV4 query signature) that lets anyone holding it download (GET) or upload (PUT) one object until it expires, without AWS credentials. Made locally: no request is sent.',
  input: Type.Object({
    bucket: bucketField(),
    key: keyField(),
    method: Type.Union([Type.Literal('GET'), Type.Literal('PUT')], {
      default: 'GET',
      description: '"GET" to download the object, "PUT" to upload it (default GET)',
    }),
    expiresIn: Type.Integer({
      minimum: 1,
      maximum: MAX_EXPIRY_SECONDS,
      default: 3600,
      description:
        'Seconds the URL stays valid, up to 604800 (7 days; with temporary or assumed-role credentials, at most until they expire). Default 3600.',
    }),
    contentType: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'PUT only: the Content-Type the upload must send (it becomes part of the signature)',
      }),
    ),
    responseContentDisposition: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'GET only: Content-Disposition S3 answers with, e.g. attachment; filename="sales.csv"',
      }),
    ),
  }),
  output: Type.Object({
    url: Type.String({ format: 'uri', description: 'The presigned URL' }),
    method: Type.Union([Type.Literal('GET'), Type.Literal('PUT')], { description: 'HTTP method the URL is for' }),
    expiresAt: Type.String({ format: 'date-time', description: 'When the URL stops working (ISO 8601)' }),
    headers: Type.Record(Type.String(), Type.String(), {
      description: 'Headers a request with the URL must send (Content-Type for a PUT that named one)',
    }),
  }),
  examples: [
    {
      title: 'A download link valid for one hour',
      input: { bucket: 'acme-reports', key: 'reports/2025/03/summary.json', method: 'GET', expiresIn: 3600 },
    },
    {
      title: 'An upload link for a CSV',
      input: {
        bucket: 'acme-reports',
        key: 'uploads/sales.csv',
        method: 'PUT',
        expiresIn: 900,
        contentType: 'text/csv',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const signedAt = Date.now();
    const command =
      input.method === 'PUT'
        ? new PutObjectCommand({ Bucket: input.bucket, Key: input.key, ContentType: input.contentType })
        : new GetObjectCommand({
            Bucket: input.bucket,
            Key: input.key,
            ResponseContentDisposition: input.responseContentDisposition,
          });
    const url = await withS3(auth, ctx, (s3) => getSignedUrl(s3, command, { expiresIn: input.expiresIn }), {
      presigning: true,
    });
    const headers: Record<string, string> = {};
    if (input.method === 'PUT' && input.contentType) headers['content-type'] = input.contentType;
    return { url, method: input.method, expiresAt: new Date(signedAt + input.expiresIn * 1000).toISOString(), headers };
  },
});
