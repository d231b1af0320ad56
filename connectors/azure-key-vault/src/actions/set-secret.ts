import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { secretClient } from '../client.js';
import { vaultCall } from '../errors.js';
import { nameField, propertiesOf, propertiesSchema } from '../secrets.js';

export const setSecret = defineAction({
  auth,
  key: 'secrets.set',
  title: 'Set a secret',
  description:
    'Stores a value under a name (Set Secret): a new secret, or a new version of an existing one, which becomes its current value. A name whose secret is deleted but recoverable fails as a conflict.',
  input: Type.Object({
    name: nameField,
    value: Type.String({ maxLength: 25_600, writeOnly: true, description: 'The value to store (up to 25 KiB)' }),
    contentType: Type.Optional(
      Type.String({ minLength: 1, description: 'What the value is, e.g. text/plain or application/json' }),
    ),
    tags: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'Tags, e.g. {"owner": "billing"}' })),
    expiresOn: Type.Optional(Type.String({ format: 'date-time', description: 'When the secret expires' })),
    notBefore: Type.Optional(Type.String({ format: 'date-time', description: 'When it becomes valid' })),
    enabled: Type.Boolean({ default: true, description: 'Whether it can be read (default true)' }),
  }),
  output: propertiesSchema,
  examples: [
    {
      title: 'Rotate an API key',
      input: {
        name: 'stripe-api-key',
        value: 'sk_test_4eC39HqLyjWDarjtT1zdp7dc',

        tags: { owner: 'billing' },
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const secret = await vaultCall(ctx.actionKey, () =>
      secretClient(auth).setSecret(input.name, input.value, {
        tags: input.tags,
        expiresOn: input.expiresOn ? new Date(input.expiresOn) : undefined,
        notBefore: input.notBefore ? new Date(input.notBefore) : undefined,
        enabled: input.enabled,
        abortSignal: ctx.signal,
      }),
    );
    return propertiesOf(secret.properties);
  },
});
