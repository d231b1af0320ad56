import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withStripe } from '../client.js';
import { idempotencyKeyField, metadataField, refundOf, refundSchema } from '../resources.js';

export const createRefund = defineAction({
  auth,
  key: 'refunds.create',
  title: 'Refund a payment',
  description:
    'Refunds a payment in full or in part, by its PaymentIntent or charge. Refunding more than what is left fails as invalid input.',
  input: Type.Object({
    paymentIntent: Type.Optional(
      Type.String({ pattern: '^pi_', description: 'PaymentIntent to refund (pi_…); give this or charge' }),
    ),
    charge: Type.Optional(
      Type.String({ pattern: '^(ch|py)_', description: 'Charge to refund (ch_…); give this or paymentIntent' }),
    ),
    amount: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'Amount to refund in the smallest currency unit; all that is left when left out',
      }),
    ),
    reason: Type.Optional(
      Type.Union([Type.Literal('duplicate'), Type.Literal('fraudulent'), Type.Literal('requested_by_customer')], {
        description: 'Why, as Stripe records it',
      }),
    ),
    metadata: Type.Optional(metadataField),
    idempotencyKey: idempotencyKeyField,
  }),
  output: refundSchema,
  examples: [
    {
      input: {
        paymentIntent: 'pi_3MtwBwLkdIwHu7ix28a3tqPa',
        amount: 500,
        reason: 'requested_by_customer',
        idempotencyKey: 'rma-981',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    if ((input.paymentIntent === undefined) === (input.charge === undefined)) {
      throw new ConnectorError('give the paymentIntent or the charge to refund, one of them', {
        kind: 'invalid_input',
        actionKey: ctx.actionKey,
      });
    }
    const refund = await withStripe(auth, ctx, (stripe) =>
      stripe.refunds.create(
        {
          ...(input.paymentIntent ? { payment_intent: input.paymentIntent } : {}),
          ...(input.charge ? { charge: input.charge } : {}),
          ...(input.amount !== undefined ? { amount: input.amount } : {}),
          ...(input.reason ? { reason: input.reason } : {}),
          ...(input.metadata ? { metadata: input.metadata } : {}),
        },
        input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : undefined,
      ),
    );
    return refundOf(refund);
  },
});
