import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { adminGraphql } from '../client.js';
import { ORDER_FIELDS, type OrderNode, order, toOrder } from '../orders.js';
import { gidOf, idInput } from '../shapes.js';

const QUERY = `query GetOrder($id: ID!, $lineItems: Int!) { order(id: $id) { ...OrderFields } }
${ORDER_FIELDS}`;

/** Admin GraphQL `order(id:)`. */
export const getOrder = defineAction({
  key: 'orders.get',
  title: 'Get an order',
  description: 'Reads one Shopify order with its customer, totals, statuses and line items.',
  auth,
  input: Type.Object({ id: idInput('Order') }),
  output: order,
  examples: [{ title: 'Get an order', input: { id: 'gid://shopify/Order/5678901234' } }],
  async run({ input, auth, ctx }) {
    const data = await adminGraphql<{ order: OrderNode | null }>(auth, ctx, QUERY, {
      id: gidOf('Order', input.id),
      lineItems: 100,
    });
    if (!data.order)
      throw new ConnectorError(`Shopify has no order ${input.id}`, { kind: 'not_found', actionKey: ctx.actionKey });
    return toOrder(data.order);
  },
});
