import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { adminGraphql, checkUserErrors } from '../client.js';
import { gidOf, idInput } from '../shapes.js';

const MUTATION = `mutation AdjustInventory($input: InventoryAdjustQuantitiesInput!) {
  inventoryAdjustQuantities(input: $input) {
    inventoryAdjustmentGroup {
      createdAt reason referenceDocumentUri
      changes { name delta quantityAfterChange item { id } location { id name } }
    }
    userErrors { field message }
  }
}`;

interface Payload {
  inventoryAdjustQuantities: {
    inventoryAdjustmentGroup: {
      createdAt: string;
      reason: string;
      referenceDocumentUri: string | null;
      changes: {
        name: string;
        delta: number;
        quantityAfterChange: number | null;
        item: { id: string };
        location: { id: string; name: string };
      }[];
    } | null;
    userErrors: { field: string[] | null; message: string }[];
  };
}

const REASONS = [
  'correction',
  'cycle_count_available',
  'damaged',
  'movement_created',
  'movement_received',
  'movement_updated',
  'other',
  'promotion',
  'quality_control',
  'received',
  'reservation_created',
  'reservation_deleted',
  'reservation_updated',
  'restock',
  'safety_stock',
  'shrinkage',
];

/** Admin GraphQL `inventoryAdjustQuantities` on the `available` quantity. */
export const adjustInventory = defineAction({
  key: 'inventory.adjust',
  title: 'Adjust inventory',
  description:
    'Adds to or takes from the available quantity of inventory items at locations, with a reason (received, correction, damaged, …).',
  auth,
  input: Type.Object({
    reason: Type.Union(
      REASONS.map((r) => Type.Literal(r)),
      { default: 'correction', description: 'Why the quantity changes: correction, received, damaged, restock, …' },
    ),
    referenceDocumentUri: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'A URI naming what caused the change, e.g. gid://acme/PurchaseOrder/42.',
      }),
    ),
    changes: Type.Array(
      Type.Object({
        inventoryItemId: idInput('InventoryItem'),
        locationId: idInput('Location'),
        delta: Type.Integer({ description: 'How much to add (negative to take away).' }),
      }),
      { minItems: 1, maxItems: 250, description: 'The changes, one per item and location.' },
    ),
  }),
  output: Type.Object({
    createdAt: Type.String({ description: 'When the adjustment was made (ISO 8601).' }),
    reason: Type.String({ description: 'The reason recorded.' }),
    changes: Type.Array(
      Type.Object({
        inventoryItemId: Type.String({ description: 'Inventory item GID.' }),
        locationId: Type.String({ description: 'Location GID.' }),
        locationName: Type.String({ description: 'Location name.' }),
        delta: Type.Integer({ description: 'The change applied.' }),
        quantityAfterChange: Type.Union([Type.Integer(), Type.Null()], { description: 'Available quantity after it.' }),
      }),
      { description: 'The changes applied.' },
    ),
  }),
  examples: [
    {
      title: 'Receive 12 units',
      input: {
        reason: 'received',
        changes: [
          {
            inventoryItemId: 'gid://shopify/InventoryItem/30322695',
            locationId: 'gid://shopify/Location/124656943',
            delta: 12,
          },
        ],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const data = await adminGraphql<Payload>(auth, ctx, MUTATION, {
      input: {
        reason: input.reason,
        name: 'available',
        ...(input.referenceDocumentUri ? { referenceDocumentUri: input.referenceDocumentUri } : {}),
        changes: input.changes.map((c) => ({
          inventoryItemId: gidOf('InventoryItem', c.inventoryItemId),
          locationId: gidOf('Location', c.locationId),
          delta: c.delta,
        })),
      },
    });
    const payload = data.inventoryAdjustQuantities;
    checkUserErrors(payload, ctx);
    const group = payload.inventoryAdjustmentGroup;
    if (!group) throw new Error('Shopify answered inventoryAdjustQuantities without a group or userErrors');
    return {
      createdAt: group.createdAt,
      reason: group.reason,
      changes: group.changes.map((c) => ({
        inventoryItemId: c.item.id,
        locationId: c.location.id,
        locationName: c.location.name,
        delta: c.delta,
        quantityAfterChange: c.quantityAfterChange,
      })),
    };
  },
});
