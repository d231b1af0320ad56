import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { secretClient } from '../client.js';
import { vaultCall } from '../errors.js';
import { nameField, propertiesOf, propertiesSchema } from '../secrets.js';

export const listSecrets = defineAction({
  auth,
  key: 'secrets.list',
  title: 'List secrets',
  description:
    "Lists the vault's secrets, or the versions of one secret, with their properties but no values (Get Secrets, Get Secret Versions), following Key Vault's pages (25 items each) up to limit.",
  input: Type.Object({
    versionsOf: Type.Optional(nameField),
    limit: Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 100,
      description: 'Most secrets to return (default 100)',
    }),
  }),
  output: Type.Object({
    secrets: Type.Array(propertiesSchema, { description: 'Secrets (or versions), without values' }),
    more: Type.Boolean({ description: 'Whether the vault holds more than limit' }),
  }),
  examples: [
    { title: 'All secrets', input: {} },
    { title: 'Versions of one secret', input: { versionsOf: 'stripe-api-key' } },
  ],
  async run({ input, auth, ctx }) {
    return vaultCall(ctx.actionKey, async () => {
      const client = secretClient(auth);
      const listing = input.versionsOf
        ? client.listPropertiesOfSecretVersions(input.versionsOf, { abortSignal: ctx.signal })
        : client.listPropertiesOfSecrets({ abortSignal: ctx.signal });
      // The SDK's pages drop Key Vault's nextLink, so a page cannot be resumed later: the
      // listing follows the pages itself and stops at limit.
      const secrets = [];
      for await (const properties of listing) {
        if (secrets.length === input.limit) return { secrets, more: true };
        secrets.push(propertiesOf(properties));
      }
      return { secrets, more: false };
    });
  },
});
