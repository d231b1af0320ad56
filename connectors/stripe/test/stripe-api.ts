// A loopback Stripe API (v1, the version the SDK pins) for the conformance tests. Stripe's own mock
// (stripe-mock) is a Go binary not shipped through npm or Debian, and nock cannot reach the sandbox's
// worker, so this answers the documented request and response shapes and keeps a small in-memory
// account so answers agree with the writes before them:
// - requests: https://docs.stripe.com/api (form-encoded bodies, bracket notation for hashes and
//   arrays: https://docs.stripe.com/api/expanding_objects, metadata https://docs.stripe.com/api/metadata)
// - authentication: https://docs.stripe.com/api/authentication (Bearer secret or restricted key; 401)
// - versioning: https://docs.stripe.com/api/versioning (Stripe-Version header)
// - errors: https://docs.stripe.com/api/errors and https://docs.stripe.com/error-codes
//   (parameter_missing, parameter_unknown, resource_missing, card_declined, amount_too_large)
// - rate limits: https://docs.stripe.com/rate-limits (429)
// - idempotency: https://docs.stripe.com/api/idempotent_requests (same key + same parameters replays
//   the first answer with Idempotent-Replayed: true; other parameters answer 400 idempotency_error)
// - paging: https://docs.stripe.com/api/pagination (limit, starting_after, has_more, newest first)
// - customers: https://docs.stripe.com/api/customers/create, /retrieve, /list
// - payment intents: https://docs.stripe.com/api/payment_intents/create, /retrieve, /confirm, /list;
//   test payment methods https://docs.stripe.com/testing (pm_card_visa, pm_card_chargeDeclined)
// - invoices: https://docs.stripe.com/api/invoices/create, /retrieve, /list, /finalize;
//   invoice items https://docs.stripe.com/api/invoiceitems/create
// - subscriptions: https://docs.stripe.com/api/subscriptions/create, /retrieve, /list, /cancel
// - refunds: https://docs.stripe.com/api/refunds/create
// - events: https://docs.stripe.com/api/events/list, types https://docs.stripe.com/api/events/types
// - balance (connection test): https://docs.stripe.com/api/balance/balance_retrieve
// Links Stripe would give to its own hosts (hosted invoice pages, PDFs) point at this server instead.
import { createHash, randomBytes } from 'node:crypto';
import {
  type ReferenceReply,
  type ReferenceRequest,
  type ReferenceServer,
  startReferenceServer,
} from '@mova/sdk/testing';

export const API_KEY = 'sk_test_51Conformance0123456789abcdef';
export const STRIPE_VERSION = '2026-10-28.endive';

type Json = Record<string, unknown>;

export interface StripeReference extends ReferenceServer {
  objects: Map<string, Json>;
  events: Json[];
  /** A parsed body or query of a request, as Stripe reads its bracket notation. */
  paramsOf(request: ReferenceRequest): Json;
  /** Stores an object as it is (with its own id), as if created now. */
  put(object: Json): Json;
  reset(): void;
}

class StripeFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: Json,
  ) {
    super(String(error.message));
  }
}
const invalid = (message: string, extra: Json = {}) =>
  new StripeFailure(400, { type: 'invalid_request_error', message, ...extra });
const missing = (kind: string, id: string, param = 'id') =>
  new StripeFailure(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    param,
    message: `No such ${kind}: '${id}'`,
  });

/**
 * Stripe's form encoding: `a[b]=1&items[0][price]=p` → `{ a: { b: '1' }, items: [{ price: 'p' }] }`.
 * Keys are URL-decoded first (the SDK percent-encodes the brackets).
 */
export function parseForm(text: string): Json {
  const root: Json = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!match) throw invalid(`Invalid parameter name: ${key}`);
    const path = [match[1] as string, ...[...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] as string)];
    let node: Json | unknown[] = root;
    for (const [i, part] of path.entries()) {
      const last = i === path.length - 1;
      const nextIsIndex = !last && /^\d*$/.test(path[i + 1] as string);
      const slot = Array.isArray(node) ? (part === '' ? node.length : Number(part)) : part;
      const container = node as Record<string | number, unknown>;
      if (last) container[slot] = value;
      else {
        container[slot] ??= nextIsIndex ? [] : {};
        node = container[slot] as Json | unknown[];
      }
    }
  }
  return root;
}

type Kind =
  | 'string'
  | 'integer'
  | 'boolean'
  | 'metadata'
  | 'strings'
  | { enum: string[] }
  | { array: Spec }
  | { object: Spec };
interface Spec {
  fields: Record<string, Kind>;
  required?: string[];
}

/** Checks parameters against a spec the way Stripe answers: unknown, missing and malformed ones are 400s. */
function read(params: Json, spec: Spec, prefix = ''): Json {
  const out: Json = {};
  const name = (key: string) => (prefix ? `${prefix}[${key}]` : key);
  for (const [key, value] of Object.entries(params)) {
    const kind = spec.fields[key];
    if (!kind)
      throw invalid(`Received unknown parameter: ${name(key)}`, { code: 'parameter_unknown', param: name(key) });
    out[key] = coerce(value, kind, name(key));
  }
  for (const key of spec.required ?? []) {
    if (out[key] === undefined || out[key] === '') {
      throw invalid(`Missing required param: ${name(key)}.`, { code: 'parameter_missing', param: name(key) });
    }
  }
  return out;
}

function coerce(value: unknown, kind: Kind, param: string): unknown {
  if (kind === 'string') {
    if (typeof value !== 'string') throw invalid(`Invalid string: ${param}`, { param });
    return value;
  }
  if (kind === 'integer') {
    if (typeof value !== 'string' || !/^-?\d+$/.test(value))
      throw invalid(`Invalid integer: ${String(value)}`, { code: 'parameter_invalid_integer', param });
    return Number(value);
  }
  if (kind === 'boolean') {
    if (value !== 'true' && value !== 'false') throw invalid(`Invalid boolean: ${String(value)}`, { param });
    return value === 'true';
  }
  if (kind === 'metadata') {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw invalid(`Invalid hash: ${param}`, { param });
    for (const [k, v] of Object.entries(value))
      if (typeof v !== 'string' || k.length > 40) throw invalid(`Invalid metadata[${k}]`, { param });
    return value;
  }
  if (kind === 'strings') {
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
      throw invalid(`Invalid array: ${param}`, { param });
    return value;
  }
  if ('enum' in kind) {
    if (typeof value !== 'string' || !kind.enum.includes(value))
      throw invalid(`Invalid ${param}: must be one of ${kind.enum.join(', ')}`, { param });
    return value;
  }
  if ('array' in kind) {
    if (!Array.isArray(value)) throw invalid(`Invalid array: ${param}`, { param });
    return value.map((item, i) => {
      if (typeof item !== 'object' || item === null) throw invalid(`Invalid hash: ${param}[${i}]`, { param });
      return read(item as Json, kind.array, `${param}[${i}]`);
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(`Invalid hash: ${param}`, { param });
  return read(value as Json, kind.object, param);
}

const LIST: Spec['fields'] = { limit: 'integer', starting_after: 'string', ending_before: 'string', expand: 'strings' };
const now = () => Math.floor(Date.now() / 1000);

export async function startStripe(): Promise<StripeReference> {
  const objects = new Map<string, Json>();
  const events: Json[] = [];
  const idempotent = new Map<string, { hash: string; reply: ReferenceReply }>();
  let seq = 0;
  let invoiceNumber = 0;
  const order = new Map<string, number>();

  const server = await startReferenceServer({
    check(request) {
      const auth = request.headers.authorization;
      if (!auth)
        return fail(
          new StripeFailure(401, { type: 'invalid_request_error', message: 'You did not provide an API key.' }),
        );
      if (auth !== `Bearer ${API_KEY}`) {
        return fail(
          new StripeFailure(401, {
            type: 'invalid_request_error',
            message: `Invalid API Key provided: ${auth.slice(7, 15)}****`,
          }),
        );
      }
      if (request.headers['stripe-version'] !== STRIPE_VERSION) {
        return fail(invalid(`Invalid Stripe API version: ${String(request.headers['stripe-version'])}`));
      }
      if (
        request.method === 'POST' &&
        request.rawBody.length > 0 &&
        request.headers['content-type'] !== 'application/x-www-form-urlencoded'
      ) {
        return fail(invalid('Stripe accepts form-encoded request bodies (application/x-www-form-urlencoded)'));
      }
      return undefined;
    },
  });

  const paramsOf = (request: ReferenceRequest): Json =>
    request.method === 'POST' ? parseForm(request.rawBody.toString('utf8')) : parseForm(request.query.toString());

  function fail(failure: StripeFailure): ReferenceReply {
    return { status: failure.status, headers: { 'request-id': `req_${token(14)}` }, body: { error: failure.error } };
  }

  /** A route whose parameters are read against `spec`; POSTs honour Idempotency-Key. */
  function route(method: string, path: string, spec: Spec, answer: (params: Json, request: ReferenceRequest) => Json) {
    server.route(method, path, (request) => {
      const key = request.headers['idempotency-key'];
      const hash = createHash('sha256')
        .update(`${request.method} ${request.path} ${request.rawBody.toString('utf8')}`)
        .digest('hex');
      if (request.method === 'POST' && typeof key === 'string') {
        const seen = idempotent.get(key);
        if (seen && seen.hash !== hash) {
          return fail(
            new StripeFailure(400, {
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
            }),
          );
        }
        if (seen) return { ...seen.reply, headers: { ...seen.reply.headers, 'idempotent-replayed': 'true' } };
      }
      let reply: ReferenceReply;
      try {
        reply = {
          status: 200,
          headers: { 'request-id': `req_${token(14)}` },
          body: answer(read(paramsOf(request), spec), request),
        };
      } catch (error) {
        if (!(error instanceof StripeFailure)) throw error;
        reply = fail(error);
      }
      // Stripe saves the first answer to a key, failures included (except 5xx), and replays it.
      if (request.method === 'POST' && typeof key === 'string') idempotent.set(key, { hash, reply });
      return reply;
    });
  }

  function create(prefix: string, object: Json): Json {
    const id = `${prefix}_${token(14)}`;
    const stored = { id, ...object, created: now(), livemode: false };
    objects.set(id, stored);
    order.set(id, seq++);
    return stored;
  }

  function get(kind: string, prefix: string, id: unknown, param = 'id'): Json {
    const found = typeof id === 'string' && id.startsWith(`${prefix}_`) ? objects.get(id) : undefined;
    if (!found) throw missing(kind, String(id), param);
    return found;
  }

  function emit(type: string, object: Json, request: ReferenceRequest, previous?: Json): void {
    const event = {
      id: `evt_${token(14)}`,
      object: 'event',
      api_version: STRIPE_VERSION,
      created: now(),
      data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
      livemode: false,
      pending_webhooks: 0,
      request: { id: `req_${token(14)}`, idempotency_key: request.headers['idempotency-key'] ?? null },
      type,
    };
    events.push(event);
    order.set(event.id, seq++);
  }

  /** Newest first, after `starting_after`, `limit` of them (1–100, default 10). */
  function list(url: string, items: Json[], params: Json): Json {
    const limit = params.limit === undefined ? 10 : Number(params.limit);
    if (limit < 1 || limit > 100)
      throw invalid('This value must be greater than or equal to 1 and less than or equal to 100.', { param: 'limit' });
    const sorted = [...items].sort((a, b) => (order.get(String(b.id)) ?? 0) - (order.get(String(a.id)) ?? 0));
    let start = 0;
    if (params.starting_after !== undefined) {
      const at = sorted.findIndex((item) => item.id === params.starting_after);
      if (at < 0) throw missing('object', String(params.starting_after), 'starting_after');
      start = at + 1;
    }
    const data = sorted.slice(start, start + limit);
    return { object: 'list', url, has_more: sorted.length > start + limit, data };
  }

  const ofType = (object: string) => [...objects.values()].filter((o) => o.object === object);

  // GET /v1/balance: what the connection test reads.
  route('GET', '/v1/balance', { fields: {} }, () => ({
    object: 'balance',
    available: [{ amount: 0, currency: 'usd', source_types: { card: 0 } }],
    pending: [{ amount: 0, currency: 'usd', source_types: { card: 0 } }],
    livemode: false,
  }));

  route(
    'POST',
    '/v1/customers',
    {
      fields: {
        email: 'string',
        name: 'string',
        phone: 'string',
        description: 'string',
        metadata: 'metadata',
        expand: 'strings',
      },
    },
    (p, request) => {
      if (typeof p.email === 'string' && !/^[^@\s]+@[^@\s]+$/.test(p.email))
        throw invalid(`Invalid email address: ${p.email}`, { code: 'email_invalid', param: 'email' });
      const customer = create('cus', {
        object: 'customer',
        email: p.email ?? null,
        name: p.name ?? null,
        phone: p.phone ?? null,
        description: p.description ?? null,
        balance: 0,
        currency: null,
        delinquent: false,
        invoice_settings: { default_payment_method: null },
        metadata: p.metadata ?? {},
      });
      emit('customer.created', customer, request);
      return customer;
    },
  );
  route('GET', '/v1/customers/:id', { fields: { expand: 'strings' } }, (_p, r) => get('customer', 'cus', r.params.id));
  route('GET', '/v1/customers', { fields: { ...LIST, email: 'string' } }, (p) =>
    list(
      '/v1/customers',
      ofType('customer').filter((c) => p.email === undefined || c.email === p.email),
      p,
    ),
  );

  const PI_FIELDS: Spec['fields'] = {
    amount: 'integer',
    currency: 'string',
    customer: 'string',
    payment_method: 'string',
    confirm: 'boolean',
    off_session: 'boolean',
    capture_method: { enum: ['automatic', 'automatic_async', 'manual'] },
    automatic_payment_methods: {
      object: { fields: { enabled: 'boolean', allow_redirects: { enum: ['always', 'never'] } }, required: ['enabled'] },
    },
    description: 'string',
    receipt_email: 'string',
    metadata: 'metadata',
    expand: 'strings',
  };

  route('POST', '/v1/payment_intents', { fields: PI_FIELDS, required: ['amount', 'currency'] }, (p, request) => {
    if (!/^[a-z]{3}$/.test(String(p.currency)))
      throw invalid(`Invalid currency: ${String(p.currency)}.`, { param: 'currency' });
    if (Number(p.amount) < 50)
      throw invalid('Amount must be at least $0.50 usd', { code: 'amount_too_small', param: 'amount' });
    if (p.customer !== undefined) get('customer', 'cus', p.customer, 'customer');
    if (p.off_session !== undefined && p.confirm !== true)
      throw invalid('off_session can only be used with confirm=true.', { param: 'off_session' });
    const intent = create('pi', {
      object: 'payment_intent',
      amount: p.amount,
      amount_received: 0,
      currency: p.currency,
      customer: p.customer ?? null,
      payment_method: p.payment_method ?? null,
      latest_charge: null,
      capture_method: p.capture_method ?? 'automatic_async',
      description: p.description ?? null,
      receipt_email: p.receipt_email ?? null,
      metadata: p.metadata ?? {},
      last_payment_error: null,
      status: p.payment_method ? 'requires_confirmation' : 'requires_payment_method',
    });
    intent.client_secret = `${intent.id}_secret_${token(24)}`;
    emit('payment_intent.created', intent, request);
    if (p.confirm === true) confirm(intent, p, request);
    return intent;
  });
  route('GET', '/v1/payment_intents/:id', { fields: { expand: 'strings', client_secret: 'string' } }, (_p, r) =>
    get('payment_intent', 'pi', r.params.id),
  );
  route(
    'POST',
    '/v1/payment_intents/:id/confirm',
    { fields: { payment_method: 'string', return_url: 'string', off_session: 'boolean', expand: 'strings' } },
    (p, request) => confirm(get('payment_intent', 'pi', request.params.id), p, request),
  );
  route('GET', '/v1/payment_intents', { fields: { ...LIST, customer: 'string' } }, (p) =>
    list(
      '/v1/payment_intents',
      ofType('payment_intent').filter((i) => p.customer === undefined || i.customer === p.customer),
      p,
    ),
  );

  /** Test payment methods as Stripe's testing page describes them. */
  function confirm(intent: Json, p: Json, request: ReferenceRequest): Json {
    if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(String(intent.status))) {
      throw invalid(`This PaymentIntent's status is ${String(intent.status)}, so it cannot be confirmed.`, {
        code: 'payment_intent_unexpected_state',
      });
    }
    if (p.payment_method !== undefined) intent.payment_method = p.payment_method;
    const method = intent.payment_method;
    if (!method) {
      throw invalid("You cannot confirm this PaymentIntent because it's missing a payment method.", {
        code: 'payment_intent_unexpected_state',
      });
    }
    if (method === 'pm_card_chargeDeclined') {
      intent.status = 'requires_payment_method';
      const error = {
        type: 'card_error',
        code: 'card_declined',
        decline_code: 'generic_decline',
        message: 'Your card was declined.',
        payment_intent: structuredClone(intent),
      };
      intent.last_payment_error = error;
      emit('payment_intent.payment_failed', intent, request);
      throw new StripeFailure(402, error);
    }
    if (method !== 'pm_card_visa' && method !== 'pm_card_mastercard') {
      throw invalid(`No such PaymentMethod: '${String(method)}'`, {
        code: 'resource_missing',
        param: 'payment_method',
      });
    }
    const charge = create('ch', {
      object: 'charge',
      amount: intent.amount,
      amount_refunded: 0,
      currency: intent.currency,
      customer: intent.customer,
      payment_intent: intent.id,
      payment_method: method,
      captured: intent.capture_method !== 'manual',
      refunded: false,
      status: 'succeeded',
      paid: true,
    });
    intent.latest_charge = charge.id;
    if (intent.capture_method === 'manual') {
      intent.status = 'requires_capture';
      emit('payment_intent.amount_capturable_updated', intent, request);
    } else {
      intent.status = 'succeeded';
      intent.amount_received = intent.amount;
      emit('charge.succeeded', charge, request);
      emit('payment_intent.succeeded', intent, request);
    }
    return intent;
  }

  route(
    'POST',
    '/v1/invoices',
    {
      fields: {
        customer: 'string',
        currency: 'string',
        collection_method: { enum: ['charge_automatically', 'send_invoice'] },
        days_until_due: 'integer',
        auto_advance: 'boolean',
        pending_invoice_items_behavior: { enum: ['exclude', 'include'] },
        description: 'string',
        metadata: 'metadata',
        expand: 'strings',
      },
      required: ['customer'],
    },
    (p, request) => {
      const customer = get('customer', 'cus', p.customer, 'customer');
      const method = p.collection_method ?? 'charge_automatically';
      if (method === 'send_invoice' && p.days_until_due === undefined) {
        throw invalid('Missing required param: days_until_due.', {
          code: 'parameter_missing',
          param: 'days_until_due',
        });
      }
      if (method === 'charge_automatically' && p.days_until_due !== undefined) {
        throw invalid("You can't set days_until_due when collection_method is charge_automatically.", {
          param: 'days_until_due',
        });
      }
      const invoice = create('in', {
        object: 'invoice',
        customer: customer.id,
        customer_email: customer.email,
        currency: p.currency ?? 'usd',
        collection_method: method,
        auto_advance: p.auto_advance ?? false,
        status: 'draft',
        number: null,
        amount_due: 0,
        amount_paid: 0,
        amount_remaining: 0,
        subtotal: 0,
        total: 0,
        due_date: method === 'send_invoice' ? now() + Number(p.days_until_due) * 86_400 : null,
        hosted_invoice_url: null,
        invoice_pdf: null,
        description: p.description ?? null,
        lines: { object: 'list', data: [], has_more: false, url: '' },
        metadata: p.metadata ?? {},
      });
      (invoice.lines as Json).url = `/v1/invoices/${String(invoice.id)}/lines`;
      emit('invoice.created', invoice, request);
      return invoice;
    },
  );
  route(
    'POST',
    '/v1/invoiceitems',
    {
      fields: {
        customer: 'string',
        invoice: 'string',
        amount: 'integer',
        currency: 'string',
        description: 'string',
        metadata: 'metadata',
      },
      required: ['customer'],
    },
    (p, request) => {
      get('customer', 'cus', p.customer, 'customer');
      if (p.amount === undefined)
        throw invalid('Missing required param: amount.', { code: 'parameter_missing', param: 'amount' });
      if (p.currency === undefined)
        throw invalid('Missing required param: currency.', { code: 'parameter_missing', param: 'currency' });
      const item = create('ii', {
        object: 'invoiceitem',
        customer: p.customer,
        amount: p.amount,
        currency: p.currency,
        description: p.description ?? null,
        invoice: p.invoice ?? null,
        metadata: p.metadata ?? {},
      });
      if (p.invoice !== undefined) {
        const invoice = get('invoice', 'in', p.invoice, 'invoice');
        if (invoice.status !== 'draft')
          throw invalid('You can only add invoice items to draft invoices.', {
            code: 'invoice_not_editable',
            param: 'invoice',
          });
        if (invoice.customer !== p.customer)
          throw invalid('The invoice belongs to another customer.', { param: 'invoice' });
        if (invoice.currency !== p.currency)
          throw invalid(
            `The currency ${String(p.currency)} does not match the invoice's ${String(invoice.currency)}.`,
            { param: 'currency' },
          );
        const amount = Number(p.amount);
        (invoice.lines as { data: Json[] }).data.push({
          id: `il_${token(14)}`,
          object: 'line_item',
          amount,
          currency: p.currency,
          description: p.description ?? null,
        });
        for (const field of ['amount_due', 'amount_remaining', 'subtotal', 'total'])
          invoice[field] = Number(invoice[field]) + amount;
      }
      emit('invoiceitem.created', item, request);
      return item;
    },
  );
  route('GET', '/v1/invoices/:id', { fields: { expand: 'strings' } }, (_p, r) => get('invoice', 'in', r.params.id));
  route(
    'GET',
    '/v1/invoices',
    {
      fields: {
        ...LIST,
        customer: 'string',
        status: { enum: ['draft', 'open', 'paid', 'uncollectible', 'void'] },
        subscription: 'string',
      },
    },
    (p) =>
      list(
        '/v1/invoices',
        ofType('invoice').filter(
          (i) =>
            (p.customer === undefined || i.customer === p.customer) &&
            (p.status === undefined || i.status === p.status),
        ),
        p,
      ),
  );
  route(
    'POST',
    '/v1/invoices/:id/finalize',
    { fields: { auto_advance: 'boolean', expand: 'strings' } },
    (p, request) => {
      const invoice = get('invoice', 'in', request.params.id);
      if (invoice.status !== 'draft') {
        throw invalid("This invoice is already finalized, you can't re-finalize a non-draft invoice.", {
          code: 'invoice_not_editable',
        });
      }
      finalize(invoice, request);
      if (p.auto_advance !== undefined) invoice.auto_advance = p.auto_advance;
      return invoice;
    },
  );

  function finalize(invoice: Json, request: ReferenceRequest): void {
    invoiceNumber += 1;
    invoice.number = `CONF-${String(invoiceNumber).padStart(4, '0')}`;
    invoice.hosted_invoice_url = `${server.url}/i/${String(invoice.id)}`;
    invoice.invoice_pdf = `${server.url}/i/${String(invoice.id)}/pdf`;
    invoice.status = invoice.amount_due === 0 ? 'paid' : 'open';
    emit('invoice.finalized', invoice, request);
    if (invoice.status === 'paid') emit('invoice.paid', invoice, request);
  }

  const PRICES: Record<string, { amount: number; currency: string }> = {
    price_1MowQULkdIwHu7ixraBm864M: { amount: 1500, currency: 'usd' },
    price_seats_monthly: { amount: 800, currency: 'usd' },
  };

  route(
    'POST',
    '/v1/subscriptions',
    {
      fields: {
        customer: 'string',
        items: {
          array: { fields: { price: 'string', quantity: 'integer', metadata: 'metadata' }, required: ['price'] },
        },
        trial_period_days: 'integer',
        default_payment_method: 'string',
        collection_method: { enum: ['charge_automatically', 'send_invoice'] },
        days_until_due: 'integer',
        metadata: 'metadata',
        expand: 'strings',
      },
      required: ['customer', 'items'],
    },
    (p, request) => {
      const customer = get('customer', 'cus', p.customer, 'customer');
      const items = p.items as Json[];
      const trialEnd = p.trial_period_days === undefined ? null : now() + Number(p.trial_period_days) * 86_400;
      const method = p.collection_method ?? 'charge_automatically';
      if (method === 'send_invoice' && p.days_until_due === undefined) {
        throw invalid('Missing required param: days_until_due.', {
          code: 'parameter_missing',
          param: 'days_until_due',
        });
      }
      const paymentMethod = p.default_payment_method ?? (customer.invoice_settings as Json).default_payment_method;
      if (method === 'charge_automatically' && trialEnd === null && !paymentMethod) {
        throw invalid(
          'This customer has no attached payment source or default payment method. Please consider adding a default payment method.',
          { code: 'resource_missing' },
        );
      }
      const periodEnd = trialEnd ?? now() + 30 * 86_400;
      const lines = items.map((item, i) => {
        const price = PRICES[String(item.price)];
        if (!price) throw missing('price', String(item.price), `items[${i}][price]`);
        const quantity = item.quantity === undefined ? 1 : Number(item.quantity);
        return {
          id: `si_${token(14)}`,
          object: 'subscription_item',
          price: {
            id: item.price,
            object: 'price',
            unit_amount: price.amount,
            currency: price.currency,
            recurring: { interval: 'month', interval_count: 1 },
          },
          quantity,
          current_period_start: now(),
          current_period_end: periodEnd,
          metadata: item.metadata ?? {},
        };
      });
      const total = trialEnd === null ? lines.reduce((sum, l) => sum + l.price.unit_amount * l.quantity, 0) : 0;
      const invoice = create('in', {
        object: 'invoice',
        customer: customer.id,
        currency: 'usd',
        collection_method: method,
        status: 'draft',
        number: null,
        amount_due: total,
        amount_paid: 0,
        amount_remaining: total,
        due_date: method === 'send_invoice' ? now() + Number(p.days_until_due) * 86_400 : null,
        hosted_invoice_url: null,
        invoice_pdf: null,
        description: null,
        metadata: {},
        billing_reason: 'subscription_create',
      });
      finalize(invoice, request);
      if (method === 'charge_automatically' && total > 0) {
        Object.assign(invoice, { status: 'paid', amount_paid: total, amount_remaining: 0 });
        emit('invoice.paid', invoice, request);
      }
      const subscription = create('sub', {
        object: 'subscription',
        customer: customer.id,
        status: trialEnd === null ? 'active' : 'trialing',
        items: { object: 'list', data: lines, has_more: false, url: '/v1/subscription_items' },
        collection_method: method,
        default_payment_method: p.default_payment_method ?? null,
        cancel_at_period_end: false,
        canceled_at: null,
        ended_at: null,
        trial_end: trialEnd,
        latest_invoice: invoice.id,
        metadata: p.metadata ?? {},
      });
      invoice.subscription = subscription.id;
      emit('customer.subscription.created', subscription, request);
      return subscription;
    },
  );
  route('GET', '/v1/subscriptions/:id', { fields: { expand: 'strings' } }, (_p, r) =>
    get('subscription', 'sub', r.params.id),
  );
  route(
    'GET',
    '/v1/subscriptions',
    {
      fields: {
        ...LIST,
        customer: 'string',
        price: 'string',
        status: {
          enum: [
            'active',
            'past_due',
            'unpaid',
            'canceled',
            'incomplete',
            'incomplete_expired',
            'trialing',
            'paused',
            'ended',
            'all',
          ],
        },
      },
    },
    (p) =>
      list(
        '/v1/subscriptions',
        ofType('subscription').filter((s) => {
          const status = String(s.status);
          const byStatus =
            p.status === 'all' ||
            (p.status === undefined
              ? status !== 'canceled'
              : p.status === 'ended'
                ? status === 'canceled'
                : status === p.status);
          const byPrice =
            p.price === undefined || (s.items as { data: { price: Json }[] }).data.some((i) => i.price.id === p.price);
          return byStatus && byPrice && (p.customer === undefined || s.customer === p.customer);
        }),
        p,
      ),
  );
  route(
    'DELETE',
    '/v1/subscriptions/:id',
    { fields: { invoice_now: 'boolean', prorate: 'boolean', expand: 'strings' } },
    (p, request) => {
      const subscription = get('subscription', 'sub', request.params.id);
      if (subscription.status === 'canceled') {
        throw invalid('A canceled subscription can only update its cancellation_details and metadata.');
      }
      const previous = { status: subscription.status };
      Object.assign(subscription, {
        status: 'canceled',
        canceled_at: now(),
        ended_at: now(),
        cancellation_details: {
          reason: 'cancellation_requested',
          prorate: p.prorate ?? false,
          invoice_now: p.invoice_now ?? false,
        },
      });
      emit('customer.subscription.deleted', subscription, request, previous);
      return subscription;
    },
  );

  route(
    'POST',
    '/v1/refunds',
    {
      fields: {
        payment_intent: 'string',
        charge: 'string',
        amount: 'integer',
        reason: { enum: ['duplicate', 'fraudulent', 'requested_by_customer'] },
        metadata: 'metadata',
        expand: 'strings',
      },
    },
    (p, request) => {
      if ((p.payment_intent === undefined) === (p.charge === undefined)) {
        throw invalid('One of the following params should be provided for this request: payment_intent or charge.', {
          code: 'parameter_missing',
        });
      }
      const intent =
        p.payment_intent === undefined ? undefined : get('payment_intent', 'pi', p.payment_intent, 'payment_intent');
      const chargeId = intent ? intent.latest_charge : p.charge;
      if (intent && intent.status !== 'succeeded') {
        throw invalid(`This PaymentIntent (${String(intent.id)}) does not have a successful charge to refund.`, {
          code: 'charge_not_refundable',
          param: 'payment_intent',
        });
      }
      const charge = get('charge', 'ch', chargeId, 'charge');
      const left = Number(charge.amount) - Number(charge.amount_refunded);
      const amount = p.amount === undefined ? left : Number(p.amount);
      if (left === 0)
        throw invalid(`Charge ${String(charge.id)} has already been refunded.`, { code: 'charge_already_refunded' });
      if (amount > left) {
        throw invalid(
          `Refund amount ($${(amount / 100).toFixed(2)}) is greater than unrefunded amount on charge ($${(left / 100).toFixed(2)})`,
          { code: 'amount_too_large', param: 'amount' },
        );
      }
      const refund = create('re', {
        object: 'refund',
        amount,
        currency: charge.currency,
        charge: charge.id,
        payment_intent: charge.payment_intent,
        reason: p.reason ?? null,
        status: 'succeeded',
        metadata: p.metadata ?? {},
      });
      charge.amount_refunded = Number(charge.amount_refunded) + amount;
      charge.refunded = charge.amount_refunded === charge.amount;
      emit('refund.created', refund, request);
      emit('charge.refunded', charge, request, { amount_refunded: Number(charge.amount_refunded) - amount });
      return refund;
    },
  );

  route(
    'GET',
    '/v1/events',
    { fields: { ...LIST, type: 'string', types: 'strings', created: 'integer', delivery_success: 'boolean' } },
    (p) => {
      if (p.type !== undefined && p.types !== undefined)
        throw invalid('You may only specify one of these parameters: type, types.');
      const wanted = (p.types as string[] | undefined) ?? (p.type === undefined ? undefined : [String(p.type)]);
      if (wanted && wanted.length > 20) throw invalid('types: at most 20 event types', { param: 'types' });
      const matches = (type: string) =>
        !wanted || wanted.some((w) => (w.endsWith('.*') ? type.startsWith(w.slice(0, -1)) : type === w));
      return list(
        '/v1/events',
        events.filter((e) => matches(String(e.type))),
        p,
      );
    },
  );

  return Object.assign(server, {
    objects,
    events,
    paramsOf,
    put(object: Json) {
      const stored: Json = { created: now(), livemode: false, metadata: {}, ...object };
      objects.set(String(stored.id), stored);
      order.set(String(stored.id), seq++);
      return stored;
    },
    reset() {
      objects.clear();
      events.length = 0;
      idempotent.clear();
      server.requests.length = 0;
    },
  });
}

function token(length: number): string {
  return randomBytes(length).toString('base64url').replace(/[-_]/g, 'x').slice(0, length);
}
