import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withStripe } from '../client.js';
import { paymentIntentOf, paymentIntentSchema } from '../resources.js';

export const getPaymentIntent = defineAction({
  auth,
  key: 'paymentIntents.get',
  title: 'Get a payment intent',
  description: 'Reads a PaymentIntent by id: its status, amounts, customer and latest charge.',
  input: Type.Object({ id: Type.String({ pattern: '^pi_', description: 'PaymentIntent id (pi_…)' }) }),
  output: paymentIntentSchema,
  examples: [{ input: { id: 'pi_3MtwBwLkdIwHu7ix28a3tqPa' } }],
  async run({ input, auth, ctx }) {
    return paymentIntentOf(await withStripe(auth, ctx, (stripe) => stripe.paymentIntents.retrieve(input.id)));
  },
});
