/**
 * A loopback Shopify shop for the conformance tests: POST /admin/api/{version}/graphql.json, executed with
 * graphql-js against the Admin schema subset of shopify-schema.ts, answering as Shopify documents:
 *
 * - shopify.dev/docs/api/admin-graphql (2026-01): the queries and mutations named in shopify-schema.ts; search
 *   `query` strings per shopify.dev/docs/api/usage/search-syntax (field:value, field:>value, AND, quotes).
 * - shopify.dev/docs/api/usage/authentication: `X-Shopify-Access-Token`; 401 `{ "errors": "[API] Invalid API key
 *   or access token (unrecognized login or wrong password)" }` otherwise.
 * - shopify.dev/docs/api/usage/rate-limits: every answer carries `extensions.cost` (requested and actual cost,
 *   throttleStatus); a query over 1000 points is refused with MAX_COST_EXCEEDED; THROTTLED answers are queued by
 *   the tests with `answerNext`.
 * - shopify.dev/docs/api/admin-graphql#status_and_error_codes: invalid operations answer 200 with `errors`.
 * Mutation input problems answer `userErrors`, as productCreate, customerCreate and inventoryAdjustQuantities do.
 */
import { type ReferenceReply, type ReferenceServer, startReferenceServer } from '@mova/sdk/testing';
import {
  buildSchema,
  type DocumentNode,
  execute,
  type FragmentDefinitionNode,
  Kind,
  parse,
  type SelectionSetNode,
  type ValueNode,
  validate,
} from 'graphql';
import { ADMIN_SCHEMA } from './shopify-schema.js';

export const SHOP = 'acme-test.myshopify.com';
export const ACCESS_TOKEN = 'shpat_0123456789abcdef0123456789abcdef';
export const VERSION = '2026-01';
const MAX_COST = 1000;

const schema = buildSchema(ADMIN_SCHEMA);
const money = (amount: string) => ({ amount, currencyCode: 'EUR' });
const bag = (amount: string) => ({ shopMoney: money(amount), presentmentMoney: money(amount) });

interface Variant {
  id: string;
  title: string;
  sku: string | null;
  price: string;
  inventoryItem: { id: string; sku: string | null; tracked: boolean };
  available: Map<string, number>;
}
export interface StoredProduct {
  id: string;
  title: string;
  handle: string;
  status: string;
  vendor: string;
  productType: string;
  descriptionHtml: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  variants: Variant[];
}
export interface StoredCustomer {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  tags: string[];
  note: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface StoredOrder {
  id: string;
  name: string;
  createdAt: string;
  email: string | null;
  financial: string;
  total: string;
  customerId: string | null;
  tags: string[];
  lines: { title: string; quantity: number; variantId: string; price: string }[];
}

export interface ShopifyReference {
  server: ReferenceServer;
  url: string;
  products: Map<string, StoredProduct>;
  customers: Map<string, StoredCustomer>;
  orders: Map<string, StoredOrder>;
  location: { id: string; name: string };
  placeOrder(fields: Partial<StoredOrder> & { lines?: StoredOrder['lines'] }): StoredOrder;
  close(): Promise<void>;
}

export async function startShopify(): Promise<ShopifyReference> {
  let counter = 1000;
  let clock = Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000;
  const tick = () => {
    clock += 1000;
    return new Date(clock).toISOString().replace('.000Z', 'Z');
  };
  const gid = (type: string) => `gid://shopify/${type}/${++counter}`;
  const location = { id: 'gid://shopify/Location/124656943', name: 'Main warehouse' };
  const products = new Map<string, StoredProduct>();
  const customers = new Map<string, StoredCustomer>();
  const orders = new Map<string, StoredOrder>();

  function addProduct(input: Partial<StoredProduct> & { title: string }): StoredProduct {
    const now = tick();
    const variantId = gid('ProductVariant');
    const product: StoredProduct = {
      id: gid('Product'),
      handle: input.title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, ''),
      status: 'ACTIVE',
      vendor: '',
      productType: '',
      descriptionHtml: '',
      tags: [],
      ...input,
      createdAt: now,
      updatedAt: now,
      variants: [
        {
          id: variantId,
          title: 'Default Title',
          sku: null,
          price: '0.00',
          inventoryItem: { id: gid('InventoryItem'), sku: null, tracked: true },
          available: new Map([[location.id, 0]]),
        },
      ],
    };
    products.set(product.id, product);
    return product;
  }
  const shirt = addProduct({
    title: 'Engine T-shirt',
    vendor: 'Babbage & Co',
    productType: 'Apparel',
    tags: ['cotton'],
  });
  const shirtVariant = shirt.variants[0] as Variant;
  shirtVariant.price = '25.00';
  shirtVariant.sku = 'TEE-1';
  shirtVariant.available.set(location.id, 10);

  function addCustomer(input: Partial<StoredCustomer>): StoredCustomer {
    const now = tick();
    const customer: StoredCustomer = {
      id: gid('Customer'),
      firstName: null,
      lastName: null,
      email: null,
      phone: null,
      tags: [],
      note: null,
      ...input,
      createdAt: now,
      updatedAt: now,
    };
    customers.set(customer.id, customer);
    return customer;
  }
  const ada = addCustomer({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', tags: ['vip'] });

  function placeOrder(fields: Partial<StoredOrder> & { lines?: StoredOrder['lines'] }): StoredOrder {
    const number = 1001 + orders.size;
    const lines = fields.lines ?? [{ title: shirt.title, quantity: 2, variantId: shirtVariant.id, price: '25.00' }];
    const order: StoredOrder = {
      id: gid('Order'),
      name: `#${number}`,
      createdAt: tick(),
      email: ada.email,
      financial: 'PAID',
      customerId: ada.id,
      tags: [],
      total: lines.reduce((sum, l) => sum + l.quantity * Number(l.price), 0).toFixed(2),
      ...fields,
      lines,
    };
    orders.set(order.id, order);
    return order;
  }

  // GraphQL views of the stored objects; fields with arguments are functions, as graphql-js calls them.
  const page = <T>(items: T[], args: { first?: number; after?: string }) => {
    const start = args.after ? Number(Buffer.from(args.after, 'base64url').toString()) : 0;
    const slice = items.slice(start, start + (args.first ?? 10));
    const end = start + slice.length;
    return {
      nodes: slice,
      pageInfo: {
        hasNextPage: end < items.length,
        hasPreviousPage: start > 0,
        endCursor: slice.length ? Buffer.from(String(end)).toString('base64url') : null,
        startCursor: slice.length ? Buffer.from(String(start)).toString('base64url') : null,
      },
    };
  };
  const variantView = (v: Variant) => ({
    id: v.id,
    title: v.title,
    sku: v.sku,
    price: v.price,
    inventoryQuantity: [...v.available.values()].reduce((a, b) => a + b, 0),
    inventoryItem: v.inventoryItem,
  });
  const productView = (p: StoredProduct) => ({
    ...p,
    variants: (args: { first?: number }) => page(p.variants.map(variantView), args),
  });
  const customerView = (c: StoredCustomer) => {
    const placed = [...orders.values()].filter((o) => o.customerId === c.id);
    return {
      ...c,
      displayName: [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || c.phone || '',
      numberOfOrders: String(placed.length),
      amountSpent: money(placed.reduce((s, o) => s + Number(o.total), 0).toFixed(2)),
    };
  };
  const orderView = (o: StoredOrder) => ({
    id: o.id,
    name: o.name,
    createdAt: o.createdAt,
    updatedAt: o.createdAt,
    processedAt: o.createdAt,
    cancelledAt: null,
    email: o.email,
    phone: null,
    note: null,
    tags: o.tags,
    displayFinancialStatus: o.financial,
    displayFulfillmentStatus: 'UNFULFILLED',
    currentTotalPriceSet: bag(o.total),
    subtotalPriceSet: bag(o.total),
    customer: o.customerId ? customerView(customers.get(o.customerId) as StoredCustomer) : null,
    lineItems: (args: { first?: number }) =>
      page(
        o.lines.map((l, i) => ({
          id: `gid://shopify/LineItem/${o.id.split('/').pop()}${i}`,
          title: l.title,
          quantity: l.quantity,
          sku: 'TEE-1',
          variant: { ...variantView(shirtVariant), id: l.variantId },
          originalUnitPriceSet: bag(l.price),
        })),
        args,
      ),
  });

  const sortBy = <T>(items: T[], key: (t: T) => string, reverse?: boolean) => {
    const sorted = [...items].sort((a, b) => key(a).localeCompare(key(b)));
    return reverse ? sorted.reverse() : sorted;
  };

  const root = {
    shop: () => ({ name: 'Acme Test Shop', myshopifyDomain: SHOP, currencyCode: 'EUR' }),
    order: ({ id }: { id: string }) => {
      const found = orders.get(id);
      return found ? orderView(found) : null;
    },
    orders: (args: { first?: number; after?: string; query?: string; sortKey?: string; reverse?: boolean }) => {
      const matches = search(args.query, {
        created_at: (o: StoredOrder) => o.createdAt,
        financial_status: (o: StoredOrder) => o.financial.toLowerCase(),
        email: (o: StoredOrder) => o.email ?? '',
        tag: (o: StoredOrder) => o.tags,
      });
      const sortKey =
        args.sortKey === 'CREATED_AT' || args.sortKey === 'PROCESSED_AT'
          ? (o: StoredOrder) => o.createdAt
          : (o: StoredOrder) => o.id.padStart(40, '0');
      return page(sortBy([...orders.values()].filter(matches), sortKey, args.reverse).map(orderView), args);
    },
    products: (args: { first?: number; after?: string; query?: string; sortKey?: string; reverse?: boolean }) => {
      const matches = search(args.query, {
        status: (p: StoredProduct) => p.status.toLowerCase(),
        vendor: (p: StoredProduct) => p.vendor,
        title: (p: StoredProduct) => p.title,
        tag: (p: StoredProduct) => p.tags,
      });
      const key =
        args.sortKey === 'TITLE'
          ? (p: StoredProduct) => p.title
          : args.sortKey === 'UPDATED_AT'
            ? (p: StoredProduct) => p.updatedAt
            : (p: StoredProduct) => p.createdAt;
      return page(sortBy([...products.values()].filter(matches), key, args.reverse).map(productView), args);
    },
    customers: (args: { first?: number; after?: string; query?: string }) => {
      const matches = search(args.query, {
        email: (c: StoredCustomer) => c.email ?? '',
        tag: (c: StoredCustomer) => c.tags,
        first_name: (c: StoredCustomer) => c.firstName ?? '',
      });
      return page([...customers.values()].filter(matches).map(customerView), args);
    },
    productCreate: ({ product }: { product: Partial<StoredProduct> }) => {
      if (!product.title?.trim())
        return { product: null, userErrors: [{ field: ['title'], message: "Title can't be blank" }] };
      if (product.handle && [...products.values()].some((p) => p.handle === product.handle)) {
        return {
          product: null,
          userErrors: [
            { field: ['handle'], message: `Handle '${product.handle}' already in use. Please provide a new handle.` },
          ],
        };
      }
      return { product: productView(addProduct({ ...product, title: product.title })), userErrors: [] };
    },
    productUpdate: ({ product }: { product: Partial<StoredProduct> & { id?: string } }) => {
      const found = products.get(product.id ?? '');
      if (!found) return { product: null, userErrors: [{ field: ['id'], message: 'Product does not exist' }] };
      if (product.title !== undefined && !product.title.trim())
        return { product: null, userErrors: [{ field: ['title'], message: "Title can't be blank" }] };
      const { id: _id, ...changes } = product;
      Object.assign(found, changes, { updatedAt: tick() });
      return { product: productView(found), userErrors: [] };
    },
    customerCreate: ({ input }: { input: Partial<StoredCustomer> }) => {
      if (!input.firstName && !input.lastName && !input.email && !input.phone) {
        return {
          customer: null,
          userErrors: [{ field: null, message: 'Customer must have a name, phone number or email address' }],
        };
      }
      if (input.email && [...customers.values()].some((c) => c.email === input.email)) {
        return { customer: null, userErrors: [{ field: ['email'], message: 'Email has already been taken' }] };
      }
      return { customer: customerView(addCustomer(input)), userErrors: [] };
    },
    inventoryAdjustQuantities: ({
      input,
    }: {
      input: {
        reason: string;
        name: string;
        referenceDocumentUri?: string;
        changes: { delta: number; inventoryItemId: string; locationId: string }[];
      };
    }) => {
      const reasons = [
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
      if (!reasons.includes(input.reason))
        return {
          inventoryAdjustmentGroup: null,
          userErrors: [
            { field: ['input', 'reason'], message: 'The specified reason is invalid.', code: 'INVALID_REASON' },
          ],
        };
      if (input.name !== 'available')
        return {
          inventoryAdjustmentGroup: null,
          userErrors: [
            {
              field: ['input', 'name'],
              message: 'The quantity name must be available or damaged, …',
              code: 'INVALID_QUANTITY_NAME',
            },
          ],
        };
      const variants = [...products.values()].flatMap((p) => p.variants);
      for (const [i, change] of input.changes.entries()) {
        if (!variants.some((v) => v.inventoryItem.id === change.inventoryItemId)) {
          return {
            inventoryAdjustmentGroup: null,
            userErrors: [
              {
                field: ['input', 'changes', String(i), 'inventoryItemId'],
                message: 'The specified inventory item could not be found.',
                code: 'INVENTORY_ITEM_NOT_FOUND',
              },
            ],
          };
        }
        if (change.locationId !== location.id) {
          return {
            inventoryAdjustmentGroup: null,
            userErrors: [
              {
                field: ['input', 'changes', String(i), 'locationId'],
                message: 'The specified location could not be found.',
                code: 'LOCATION_NOT_FOUND',
              },
            ],
          };
        }
      }
      const applied = input.changes.map((change) => {
        const variant = variants.find((v) => v.inventoryItem.id === change.inventoryItemId) as Variant;
        const after = (variant.available.get(location.id) ?? 0) + change.delta;
        variant.available.set(location.id, after);
        return {
          name: 'available',
          delta: change.delta,
          quantityAfterChange: after,
          item: variant.inventoryItem,
          location,
        };
      });
      return {
        inventoryAdjustmentGroup: {
          createdAt: tick(),
          reason: input.reason,
          referenceDocumentUri: input.referenceDocumentUri ?? null,
          changes: () => applied,
        },
        userErrors: [],
      };
    },
  };

  const server = await startReferenceServer({
    check: (request) =>
      request.headers['x-shopify-access-token'] === ACCESS_TOKEN
        ? undefined
        : {
            status: 401,
            body: { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' },
          },
  });

  server.route(
    'POST',
    '/admin/api/:version/graphql.json',
    async ({ params, body, headers }): Promise<ReferenceReply> => {
      if (params.version !== VERSION) return { status: 404, body: { errors: 'Not Found' } };
      if (!headers['content-type']?.includes('application/json'))
        return { status: 415, body: { errors: 'Unsupported Media Type' } };
      const { query, variables } = (body ?? {}) as { query?: unknown; variables?: Record<string, unknown> };
      if (typeof query !== 'string')
        return { status: 400, body: { errors: { query: 'Required parameter missing or invalid' } } };
      let document: DocumentNode;
      try {
        document = parse(query);
      } catch (error) {
        return { body: { errors: [{ message: String(error), extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] } };
      }
      const invalid = validate(schema, document);
      if (invalid.length) {
        return {
          body: {
            errors: invalid.map((e) => ({
              message: e.message,
              locations: e.locations,
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
            })),
          },
        };
      }
      const cost = queryCost(document, variables ?? {});
      const throttleStatus = { maximumAvailable: 2000, currentlyAvailable: 2000 - cost, restoreRate: 100 };
      if (cost > MAX_COST) {
        return {
          body: {
            errors: [
              {
                message: `Query cost is ${cost}, which exceeds the single query max cost limit (${MAX_COST}).`,
                extensions: { code: 'MAX_COST_EXCEEDED', cost, maxCost: MAX_COST },
              },
            ],
            extensions: { cost: { requestedQueryCost: cost, actualQueryCost: null, throttleStatus } },
          },
        };
      }
      const result = await execute({ schema, document, rootValue: root, variableValues: variables ?? {} });
      return {
        body: {
          ...(result.errors ? { errors: result.errors.map((e) => ({ message: e.message, path: e.path })) } : {}),
          data: result.data ?? null,
          extensions: { cost: { requestedQueryCost: cost, actualQueryCost: cost, throttleStatus } },
        },
      };
    },
  );

  return {
    server,
    url: server.url,
    products,
    customers,
    orders,
    location,
    placeOrder,
    close: () => server.close(),
  };
}

/**
 * Shopify's cost model, simplified: an object field costs 1, a connection costs its `first` times the cost
 * of what each node selects (plus the connection itself), scalars are free.
 */
function queryCost(document: DocumentNode, variables: Record<string, unknown>): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const argumentValue = (node: ValueNode): unknown =>
    node.kind === Kind.VARIABLE ? variables[node.name.value] : node.kind === Kind.INT ? Number(node.value) : undefined;
  const costOf = (set: SelectionSetNode | undefined): number => {
    if (!set) return 0;
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) total += costOf(fragments.get(selection.name.value)?.selectionSet);
      else if (selection.kind === Kind.INLINE_FRAGMENT) total += costOf(selection.selectionSet);
      else if (selection.selectionSet) {
        const first = selection.arguments?.find((a) => a.name.value === 'first');
        const n = first ? Number(argumentValue(first.value) ?? 1) : 1;
        total += first ? 2 + n * costOf(selection.selectionSet) : 1 + costOf(selection.selectionSet);
      }
    }
    return total;
  };
  let cost = 0;
  for (const d of document.definitions)
    if (d.kind === Kind.OPERATION_DEFINITION) cost += (d.operation === 'mutation' ? 10 : 0) + costOf(d.selectionSet);
  return cost;
}

/** Shopify's search syntax, the parts the tests use: `key:value`, `key:>value`, `key:<value`, AND, parentheses, quotes. */
function search<T>(
  query: string | undefined,
  fields: Record<string, (item: T) => string | string[]>,
): (item: T) => boolean {
  if (!query) return () => true;
  const terms = (query.replace(/[()]/g, ' ').match(/[a-z_]+:(?:[<>]=?)?(?:'[^']*'|"[^"]*"|\S+)|\S+/g) ?? []).filter(
    (t) => t !== 'AND',
  );
  return (item) =>
    terms.every((term) => {
      const match = /^([a-z_]+):([<>]=?)?(.*)$/.exec(term);
      if (!match) return true;
      const [, key = '', op, raw = ''] = match;
      const read = fields[key];
      if (!read) return true; // Shopify ignores search fields it does not know (and warns in extensions.search).
      const wanted = raw.replace(/^['"]|['"]$/g, '');
      const actual = read(item);
      if (Array.isArray(actual)) return actual.includes(wanted);
      if (op) {
        const a = Date.parse(actual);
        const b = Date.parse(wanted);
        return op === '>' ? a > b : op === '>=' ? a >= b : op === '<' ? a < b : a <= b;
      }
      return actual.toLowerCase() === wanted.toLowerCase();
    });
}
