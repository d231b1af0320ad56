import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { secretClient } from '../client.js';
import { vaultCall } from '../errors.js';
import { nameField, propertiesOf, propertiesSchema } from '../secrets.js';

export const recoverSecret = defineAction({
  auth,
  key: 'secrets.recover',
  title: 'Recover a deleted secret',
  description:
    'Brings back a deleted secret with all its versions (Recover Deleted Secret) and waits until it can be read again.',
  input: Type.Object({ name: nameField }),
  output: propertiesSchema,
  examples: [{ title: 'Undo a deletion', input: { name: 'legacy-api-key' } }],
  async run({ input, auth, ctx }) {
    const recovered = await vaultCall(ctx.actionKey, async () => {
      const poller = await secretClient(auth).beginRecoverDeletedSecret(input.name, {
        abortSignal: ctx.signal,
        intervalInMs: 1000,
      });
      return poller.pollUntilDone({ abortSignal: ctx.signal });
    });
    return propertiesOf(recovered);
  },
});
