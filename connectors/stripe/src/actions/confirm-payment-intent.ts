import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withStripe } from '../client.js';
import { paymentIntentOf, paymentIntentSchema } from '../resources.js';

export const confirmPaymentIntent = defineAction({
  auth,
  key: 'paymentIntents.confirm',
  title: 'Confirm a payment intent',
  description:
    'Confirms a PaymentIntent, so Stripe attempts the payment with its payment method (or the one given). A declined card fails as invalid input with the decline reason; 3-D Secure ends in requires_action.',
  input: Type.Object({
    id: Type.String({ pattern: '^pi_', description: 'PaymentIntent id (pi_…)' }),
    paymentMethod: Type.Optional(Type.String({ minLength: 1, description: 'Payment method id (pm_…) to use instead' })),
    returnUrl: Type.Optional(
      Type.String({ format: 'uri', description: 'Where the customer returns after a redirect-based payment method' }),
    ),
    offSession: Type.Optional(
      Type.Boolean({ description: 'The customer is not present (a saved card charged later)' }),
    ),
  }),
  output: paymentIntentSchema,
  examples: [{ input: { id: 'pi_3MtwBwLkdIwHu7ix28a3tqPa', paymentMethod: 'pm_card_visa' } }],
  async run({ input, auth, ctx }) {
    const intent = await withStripe(auth, ctx, (stripe) =>
      stripe.paymentIntents.confirm(input.id, {
        ...(input.paymentMethod ? { payment_method: input.paymentMethod } : {}),
        ...(input.returnUrl ? { return_url: input.returnUrl } : {}),
        ...(input.offSession !== undefined ? { off_session: input.offSession } : {}),
      }),
    );
    return paymentIntentOf(intent);
  },
});
