import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { secretClient } from '../client.js';
import { deletedOf, deletedSchema } from '../deleted.js';
import { vaultCall } from '../errors.js';
import { nameField } from '../secrets.js';

export const deleteSecret = defineAction({
  auth,
  key: 'secrets.delete',
  title: 'Delete a secret',
  description:
    'Deletes a secret with all its versions (Delete Secret) and waits until the deletion is done. With soft delete (on for every vault) it can be recovered until its scheduled purge date, and its name stays taken until then.',
  input: Type.Object({ name: nameField }),
  output: deletedSchema,
  examples: [{ title: 'Retire an old key', input: { name: 'legacy-api-key' } }],
  async run({ input, auth, ctx }) {
    const deleted = await vaultCall(ctx.actionKey, async () => {
      const poller = await secretClient(auth).beginDeleteSecret(input.name, {
        abortSignal: ctx.signal,
        intervalInMs: 1000,
      });
      return poller.pollUntilDone({ abortSignal: ctx.signal });
    });
    return deletedOf(deleted);
  },
});
