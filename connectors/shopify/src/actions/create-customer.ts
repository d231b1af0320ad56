import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { adminGraphql, checkUserErrors } from '../client.js';
import { CUSTOMER_FIELDS, type Customer, customer } from '../customers.js';

const MUTATION = `mutation CreateCustomer($input: CustomerInput!) {
  customerCreate(input: $input) {
    customer { ...CustomerFields }
    userErrors { field message }
  }
}
${CUSTOMER_FIELDS}`;

interface Payload {
  customerCreate: { customer: Customer | null; userErrors: { field: string[] | null; message: string }[] };
}

/** Admin GraphQL `customerCreate`. */
export const createCustomer = defineAction({
  key: 'customers.create',
  title: 'Create a customer',
  description:
    'Creates a Shopify customer with a name, email or phone, tags and a note (an email or phone already in use is refused).',
  auth,
  input: Type.Object({
    firstName: Type.Optional(Type.String({ minLength: 1, description: 'First name.' })),
    lastName: Type.Optional(Type.String({ minLength: 1, description: 'Last name.' })),
    email: Type.Optional(Type.String({ minLength: 3, description: 'Email address (unique in the shop).' })),
    phone: Type.Optional(
      Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$', description: 'Phone in E.164, e.g. +14155550123.' }),
    ),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Tags.' })),
    note: Type.Optional(Type.String({ description: 'Note about the customer.' })),
  }),
  output: customer,
  examples: [
    {
      title: 'Create a customer',
      input: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', tags: ['newsletter'] },
    },
  ],
  async run({ input, auth, ctx }) {
    const data = await adminGraphql<Payload>(auth, ctx, MUTATION, { input });
    checkUserErrors(data.customerCreate, ctx);
    if (!data.customerCreate.customer)
      throw new Error('Shopify answered customerCreate without a customer or userErrors');
    return data.customerCreate.customer;
  },
});
