import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { secretClient } from '../client.js';
import { vaultCall } from '../errors.js';
import { nameField, propertiesFields, propertiesOf } from '../secrets.js';

export const getSecret = defineAction({
  auth,
  key: 'secrets.get',
  title: 'Get a secret',
  description: "Reads a secret's value and properties (Get Secret): its latest version, or the version named.",
  input: Type.Object({
    name: nameField,
    version: Type.Optional(
      Type.String({ pattern: '^[0-9a-f]{32}$', description: 'Version id; the latest when empty' }),
    ),
  }),
  output: Type.Object({ value: Type.String({ description: 'The secret value' }), ...propertiesFields }),
  examples: [{ title: 'The current API key', input: { name: 'stripe-api-key' } }],
  async run({ input, auth, ctx }) {
    const secret = await vaultCall(ctx.actionKey, () =>
      secretClient(auth).getSecret(input.name, { version: input.version, abortSignal: ctx.signal }),
    );
    return { value: secret.value ?? '', ...propertiesOf(secret.properties) };
  },
});
