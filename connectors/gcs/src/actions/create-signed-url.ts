import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { gcsClient } from '../client.js';
import { gcsCall } from '../errors.js';

const MAX_MINUTES = 7 * 24 * 60;
const METHOD = { read: 'GET', write: 'PUT', delete: 'DELETE' } as const;

export const createSignedUrl = defineAction({
  auth,
  key: 'objects.signedUrl',
  title: 'Create a signed URL for an object',
  description:
    "Creates a time-limited V4 signed URL to read, write or delete one object, signed locally with the service account's key.",
  input: Type.Object({
    bucket: Type.String({ minLength: 3, maxLength: 222, description: 'Bucket name.' }),
    name: Type.String({ minLength: 1, maxLength: 1024, description: 'Object name (it need not exist yet for write).' }),
    action: Type.Union([Type.Literal('read'), Type.Literal('write'), Type.Literal('delete')], {
      default: 'read',
      description: 'What the URL allows: "read" (GET), "write" (PUT upload) or "delete" (DELETE).',
    }),
    expiresInMinutes: Type.Integer({
      minimum: 1,
      maximum: MAX_MINUTES,
      default: 60,
      description: `Minutes until the URL stops working (1–${MAX_MINUTES}, i.e. at most seven days).`,
    }),
    contentType: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'For write: the Content-Type the uploader must send (it becomes part of the signature).',
      }),
    ),
  }),
  output: Type.Object({
    url: Type.String({
      format: 'uri',
      description: 'The signed URL; anyone holding it has the access, so treat it as a secret.',
    }),
    method: Type.Union([Type.Literal('GET'), Type.Literal('PUT'), Type.Literal('DELETE')]),
    expiresAt: Type.String({ format: 'date-time' }),
    headers: Type.Record(Type.String(), Type.String(), { description: 'Headers the request must carry.' }),
  }),
  examples: [
    {
      input: { bucket: 'acme-reports', name: 'daily/2025-03-04.json', action: 'read', expiresInMinutes: 60 },
      output: {
        url: 'https://storage.googleapis.com/acme-reports/daily/2025-03-04.json?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=mova%40acme.iam.gserviceaccount.com%2F20250304%2Fauto%2Fstorage%2Fgoog4_request&X-Goog-Date=20250304T180000Z&X-Goog-Expires=3600&X-Goog-SignedHeaders=host&X-Goog-Signature=REDACTED',
        method: 'GET',
        expiresAt: '2025-03-04T19:00:00.000Z',
        headers: {},
      },
    },
  ],
  async run({ input, auth, ctx }) {
    // Signed URLs carry whole seconds: starting on a whole second makes X-Goog-Expires exactly the
    // requested period and the reported expiry exact.
    const accessibleAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    const expiresAt = new Date(accessibleAt.getTime() + input.expiresInMinutes * 60_000);
    const contentType = input.action === 'write' ? input.contentType : undefined;
    const [url] = await gcsCall(ctx.actionKey, () =>
      gcsClient(auth)
        .storage.bucket(input.bucket)
        .file(input.name)
        .getSignedUrl({ version: 'v4', action: input.action, accessibleAt, expires: expiresAt, contentType }),
    );
    const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
    return { url, method: METHOD[input.action], expiresAt: expiresAt.toISOString(), headers };
  },
});
