import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withStripe } from '../client.js';
import { customerOf, customerSchema } from '../resources.js';

export const getCustomer = defineAction({
  auth,
  key: 'customers.get',
  title: 'Get a customer',
  description: 'Reads a customer by id. A deleted customer fails as not found.',
  input: Type.Object({ id: Type.String({ pattern: '^cus_', description: 'Customer id (cus_…)' }) }),
  output: customerSchema,
  examples: [{ input: { id: 'cus_NffrFeUfNV2Hib' } }],
  async run({ input, auth, ctx }) {
    const customer = await withStripe(auth, ctx, (stripe) => stripe.customers.retrieve(input.id));
    if (customer.deleted) {
      throw new ConnectorError(`Stripe customer ${input.id} was deleted`, {
        kind: 'not_found',
        actionKey: ctx.actionKey,
      });
    }
    return customerOf(customer);
  },
});
