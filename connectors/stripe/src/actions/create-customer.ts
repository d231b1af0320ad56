import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withStripe } from '../client.js';
import { customerOf, customerSchema, idempotencyKeyField, metadataField } from '../resources.js';

export const createCustomer = defineAction({
  auth,
  key: 'customers.create',
  title: 'Create a customer',
  description: 'Creates a customer, to charge, invoice and subscribe later; Stripe does not deduplicate by email.',
  input: Type.Object({
    email: Type.Optional(Type.String({ format: 'email', description: 'Email address' })),
    name: Type.Optional(Type.String({ maxLength: 256, description: 'Full name or business name' })),
    phone: Type.Optional(Type.String({ maxLength: 20, description: 'Phone number' })),
    description: Type.Optional(Type.String({ description: 'Internal description, shown in the Dashboard' })),
    metadata: Type.Optional(metadataField),
    idempotencyKey: idempotencyKeyField,
  }),
  output: customerSchema,
  examples: [
    {
      input: { email: 'ada@example.com', name: 'Ada Lovelace', metadata: { crmId: '42' }, idempotencyKey: 'signup-42' },
    },
  ],
  async run({ input, auth, ctx }) {
    const { idempotencyKey, ...params } = input;
    const customer = await withStripe(auth, ctx, (stripe) =>
      stripe.customers.create(params, idempotencyKey ? { idempotencyKey } : undefined),
    );
    return customerOf(customer);
  },
});
