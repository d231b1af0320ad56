import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { serviceClient } from '../client.js';
import { azureCall } from '../errors.js';
import { signBlobUrl } from '../sas.js';

const MAX_MINUTES = 7 * 24 * 60;

export const createSasUrl = defineAction({
  auth,
  key: 'blobs.sasUrl',
  title: 'Create a SAS URL for a blob',
  description:
    'Creates a time-limited link to one blob with read, write and/or delete rights, signed with the account key or, for Entra ID connections, a user delegation key; HTTPS-only unless the account endpoint is plain HTTP (emulators).',
  input: Type.Object({
    container: Type.String({ minLength: 3, maxLength: 63, description: 'Container name.' }),
    name: Type.String({ minLength: 1, maxLength: 1024, description: 'Blob name (it need not exist yet for write).' }),
    permissions: Type.Array(Type.Union([Type.Literal('read'), Type.Literal('write'), Type.Literal('delete')]), {
      minItems: 1,
      uniqueItems: true,
      default: ['read'],
      description: 'What the link allows: "read" (download), "write" (upload/replace), "delete".',
    }),
    expiresInMinutes: Type.Integer({
      minimum: 1,
      maximum: MAX_MINUTES,
      default: 60,
      description: `Minutes until the link stops working (1–${MAX_MINUTES}, i.e. at most seven days).`,
    }),
  }),
  output: Type.Object({
    url: Type.String({ format: 'uri', description: 'The blob URL with the SAS token; treat it as a secret.' }),
    expiresOn: Type.String({ format: 'date-time' }),
    permissions: Type.String({ description: 'SAS permission letters, e.g. "rw".' }),
    signedWith: Type.Union([Type.Literal('accountKey'), Type.Literal('userDelegationKey')]),
  }),
  examples: [
    {
      input: { container: 'reports', name: 'daily/2025-03-04.json', permissions: ['read'], expiresInMinutes: 60 },
      output: {
        url: 'https://myaccount.blob.core.windows.net/reports/daily/2025-03-04.json?sv=2025-07-05&spr=https&se=2025-03-04T19%3A00%3A00Z&sr=b&sp=r&sig=REDACTED',
        expiresOn: '2025-03-04T19:00:00.000Z',
        permissions: 'r',
        signedWith: 'accountKey',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const service = serviceClient(auth, ctx.actionKey);
    const blob = service.getContainerClient(input.container).getBlobClient(input.name);
    // SAS times have whole-second precision; dropping milliseconds keeps the reported expiry exact.
    const expiresOn = new Date(Math.floor(Date.now() / 1000 + input.expiresInMinutes * 60) * 1000);
    const signed = await azureCall(ctx.actionKey, () =>
      signBlobUrl(service, blob, {
        permissions: input.permissions,
        expiresOn,
        signal: ctx.signal,
        actionKey: ctx.actionKey,
      }),
    );
    return { ...signed, expiresOn: expiresOn.toISOString() };
  },
});
