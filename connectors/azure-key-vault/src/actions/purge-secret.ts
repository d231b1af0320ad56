import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { secretClient } from '../client.js';
import { vaultCall } from '../errors.js';
import { nameField } from '../secrets.js';

export const purgeSecret = defineAction({
  auth,
  key: 'secrets.purge',
  title: 'Purge a deleted secret',
  description:
    'Removes a deleted secret for good (Purge Deleted Secret), freeing its name; it cannot be recovered afterwards. Vaults with purge protection refuse it.',
  input: Type.Object({ name: nameField }),
  output: Type.Object({ purged: Type.Boolean({ description: 'Always true: a refused purge fails the step' }) }),
  examples: [{ title: 'Free a name for reuse', input: { name: 'legacy-api-key' }, output: { purged: true } }],
  async run({ input, auth, ctx }) {
    await vaultCall(ctx.actionKey, () =>
      secretClient(auth).purgeDeletedSecret(input.name, { abortSignal: ctx.signal }),
    );
    return { purged: true };
  },
});
