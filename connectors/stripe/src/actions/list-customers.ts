import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withStripe } from '../client.js';
import { customerOf, customerSchema, listInput, listOutput, pageOf } from '../resources.js';

export const listCustomers = defineAction({
  auth,
  key: 'customers.list',
  title: 'List customers',
  description: 'Lists customers, newest first, optionally only those with an exact email address, one page at a time.',
  input: Type.Object({
    email: Type.Optional(
      Type.String({ maxLength: 512, description: 'Only customers with this email (exact, case-sensitive)' }),
    ),
    ...listInput,
  }),
  output: listOutput(customerSchema, 'Customers on this page, newest first'),
  examples: [{ input: { email: 'ada@example.com', limit: 10 } }],
  async run({ input, auth, ctx }) {
    const list = await withStripe(auth, ctx, (stripe) =>
      stripe.customers.list({
        limit: input.limit,
        ...(input.email ? { email: input.email } : {}),
        ...(input.startingAfter ? { starting_after: input.startingAfter } : {}),
      }),
    );
    return pageOf(list, customerOf);
  },
});
