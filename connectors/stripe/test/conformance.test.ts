import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY, STRIPE_VERSION, type StripeReference, startStripe } from './stripe-api.js';

// Every action and the polling trigger through the sandbox users run it in, against the loopback Stripe
// API of stripe-api.ts (its header names the docs.stripe.com pages each route follows). It is reached
// the way a proxy or gateway in front of api.stripe.com is: through the connection's apiUrl
// (network.connectionHosts), not a test-only allowance. The server parses Stripe's form encoding and
// refuses unknown, missing and malformed parameters, so what the SDK sent is checked on every call.
let stripe: StripeReference;
let connector: ConnectorUnderTest;
let auth: { apiKey: string; apiUrl: string };

beforeAll(async () => {
  stripe = await startStripe();
  connector = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { apiKey: API_KEY, apiUrl: stripe.url };
});
afterAll(async () => {
  await connector?.close();
  await stripe?.close();
});
beforeEach(() => stripe.reset());

type Out = Record<string, unknown>;
const { run, call: fail, runExamples } = actionCalls({ connector: () => connector, auth: () => auth });
const last = () => stripe.requests.at(-1);
/** The parameters of a request as Stripe reads them (bracket notation expanded). */
const sent = (request: StripeReference['requests'][number] | undefined) => {
  if (!request) throw new Error('no request was made');
  return stripe.paramsOf(request);
};
const ofType = (object: string) => [...stripe.objects.values()].filter((o) => o.object === object);

describe('customers', () => {
  it('creates with an Idempotency-Key, replays the same create, and refuses the key for other parameters', async () => {
    const input = {
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      metadata: { crmId: '42', tier: 'gold' },
      idempotencyKey: 'signup-42',
    };
    const created = await run('customers.create', input);
    expect(created).toMatchObject({
      id: expect.stringMatching(/^cus_/),
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      balance: 0,
      metadata: { crmId: '42', tier: 'gold' },
    });
    const request = last();
    expect(request?.headers['idempotency-key']).toBe('signup-42');
    expect(request?.headers['stripe-version']).toBe(STRIPE_VERSION);
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.rawBody.toString()).toContain('metadata[crmId]=42&metadata[tier]=gold');
    expect(sent(request)).toEqual({
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      metadata: { crmId: '42', tier: 'gold' },
    });

    expect(await run('customers.create', input)).toEqual(created);
    expect(ofType('customer')).toHaveLength(1);
    const reused = await fail('customers.create', { ...input, name: 'Someone else' });
    expect(reused).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('same parameters') },
    });
  });

  it('gets one and lists by email, page by page', async () => {
    const ids: string[] = [];
    for (const name of ['A', 'B', 'C'])
      ids.push(String((await run('customers.create', { email: 'team@example.com', name })).id));
    await run('customers.create', { email: 'other@example.com' });
    expect(await run('customers.get', { id: ids[0] })).toMatchObject({ id: ids[0], name: 'A' });
    expect(last()?.headers['stripe-account']).toBeUndefined();
    await run('customers.get', { id: ids[0] }, { ...auth, account: 'acct_1Conformance' });
    expect(last()?.headers['stripe-account']).toBe('acct_1Conformance');
    const first = await run('customers.list', { email: 'team@example.com', limit: 2 });
    expect((first.data as Out[]).map((c) => c.name)).toEqual(['C', 'B']);
    expect(first).toMatchObject({ hasMore: true, nextStartingAfter: ids[1] });
    expect(last()?.query.toString()).toBe('limit=2&email=team%40example.com');
    const rest = await run('customers.list', {
      email: 'team@example.com',
      limit: 2,
      startingAfter: first.nextStartingAfter,
    });
    expect((rest.data as Out[]).map((c) => c.name)).toEqual(['A']);
    expect(rest).toMatchObject({ hasMore: false, nextStartingAfter: null });
  });

  it('reports a wrong key, a missing customer and a rate limit with their kinds', async () => {
    const denied = await fail('customers.get', { id: 'cus_x' }, { ...auth, apiKey: 'sk_test_wrong' });
    expect(denied).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', message: expect.stringContaining('401') },
    });
    const absent = await fail('customers.get', { id: 'cus_missing' });
    expect(absent).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', message: expect.stringContaining("No such customer: 'cus_missing'") },
    });
    stripe.answerNext('GET', '/v1/customers/:id', {
      status: 429,
      headers: { 'retry-after': '3' },
      body: { error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Request rate limit exceeded.' } },
    });
    const limited = await fail('customers.get', { id: 'cus_any' });
    expect(limited).toMatchObject({ status: 'failed', error: { kind: 'rate_limit' } });
    expect(JSON.stringify(limited.error)).toContain('3');
  });
});

describe('payment intents and refunds', () => {
  it('creates one for the browser, confirms it with a card, lists it and refunds it in two parts', async () => {
    const customer = await run('customers.create', { email: 'ada@example.com' });
    const intent = await run('paymentIntents.create', {
      amount: 2500,
      currency: 'eur',
      customer: customer.id,
      description: 'Order 7',
    });
    expect(intent).toMatchObject({
      status: 'requires_payment_method',
      amount: 2500,
      currency: 'eur',
      customer: customer.id,
      captureMethod: 'automatic_async',
      clientSecret: expect.stringContaining('_secret_'),
    });
    const confirmed = await run('paymentIntents.confirm', { id: intent.id, paymentMethod: 'pm_card_visa' });
    expect(confirmed).toMatchObject({
      status: 'succeeded',
      amountReceived: 2500,
      paymentMethod: 'pm_card_visa',
      latestCharge: expect.stringMatching(/^ch_/),
    });
    expect(last()).toMatchObject({ method: 'POST', path: `/v1/payment_intents/${String(intent.id)}/confirm` });
    expect(await run('paymentIntents.get', { id: intent.id })).toEqual(confirmed);
    await run('paymentIntents.create', { amount: 900, currency: 'usd' });
    const listed = await run('paymentIntents.list', { customer: customer.id });
    expect((listed.data as Out[]).map((p) => p.id)).toEqual([intent.id]);

    const part = await run('refunds.create', {
      paymentIntent: intent.id,
      amount: 1000,
      reason: 'requested_by_customer',
      idempotencyKey: 'rma-1',
    });
    expect(part).toMatchObject({
      status: 'succeeded',
      amount: 1000,
      currency: 'eur',
      paymentIntent: intent.id,
      charge: confirmed.latestCharge,
      reason: 'requested_by_customer',
    });
    expect(last()?.headers['idempotency-key']).toBe('rma-1');
    const rest = await run('refunds.create', { charge: confirmed.latestCharge });
    expect(rest).toMatchObject({ amount: 1500 });
    const tooMuch = await fail('refunds.create', { paymentIntent: intent.id, amount: 1 });
    expect(tooMuch).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('already been refunded') },
    });
  });

  it('charges a saved card at once, and reports a declined card as invalid input with the decline code', async () => {
    const customer = await run('customers.create', { name: 'Ada' });
    const paid = await run('paymentIntents.create', {
      amount: 1999,
      currency: 'usd',
      customer: customer.id,
      paymentMethod: 'pm_card_visa',
      confirm: true,
      offSession: true,
      idempotencyKey: 'order-6735',
    });
    expect(paid).toMatchObject({ status: 'succeeded', amountReceived: 1999 });
    expect(sent(last())).toMatchObject({
      confirm: 'true',
      off_session: 'true',
      automatic_payment_methods: { enabled: 'true', allow_redirects: 'never' },
    });
    const declined = await fail('paymentIntents.create', {
      amount: 1999,
      currency: 'usd',
      paymentMethod: 'pm_card_chargeDeclined',
      confirm: true,
    });
    expect(declined).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('402 card_declined') },
    });
    expect(JSON.stringify(declined.error)).toContain('generic_decline');
    const tooLarge = await fail('refunds.create', { paymentIntent: paid.id, amount: 5000 });
    expect(tooLarge).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('amount_too_large') },
    });
  });
});

describe('invoices', () => {
  it('creates a draft with lines, finalizes it, and lists and gets it', async () => {
    const customer = await run('customers.create', { email: 'billing@example.com' });
    const draft = await run('invoices.create', {
      customer: customer.id,
      items: [
        { amount: 5000, description: 'Consulting, March' },
        { amount: 1200, description: 'Travel' },
      ],
      collectionMethod: 'send_invoice',
      daysUntilDue: 30,
      idempotencyKey: 'invoice-2026-03',
    });
    expect(draft).toMatchObject({
      status: 'draft',
      number: null,
      amountDue: 6200,
      currency: 'usd',
      collectionMethod: 'send_invoice',
      dueDate: expect.any(String),
    });
    const items = stripe.requests.filter((r) => r.path === '/v1/invoiceitems');
    expect(items.map((r) => r.headers['idempotency-key'])).toEqual([
      'invoice-2026-03:item:0',
      'invoice-2026-03:item:1',
    ]);
    expect(sent(items[0])).toEqual({
      customer: customer.id,
      invoice: draft.id,
      amount: '5000',
      currency: 'usd',
      description: 'Consulting, March',
    });

    const open = await run('invoices.finalize', { id: draft.id });
    expect(open).toMatchObject({
      status: 'open',
      number: expect.stringMatching(/^CONF-/),
      hostedInvoiceUrl: expect.stringContaining(stripe.url),
    });
    const again = await fail('invoices.finalize', { id: draft.id });
    expect(again).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('already finalized') },
    });
    expect(await run('invoices.get', { id: draft.id })).toEqual(open);
    const listed = await run('invoices.list', { customer: customer.id, status: 'open' });
    expect((listed.data as Out[]).map((i) => i.id)).toEqual([draft.id]);
    expect((await run('invoices.list', { status: 'draft' })).data).toEqual([]);
  });

  it('passes Stripe’s refusal of a send_invoice invoice without days until due', async () => {
    const customer = await run('customers.create', {});
    const refused = await fail('invoices.create', {
      customer: customer.id,
      items: [{ amount: 100, description: 'x' }],
      collectionMethod: 'send_invoice',
    });
    expect(refused).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('days_until_due') },
    });
  });
});

describe('subscriptions', () => {
  it('subscribes with a trial and with a card, lists, gets and cancels', async () => {
    const customer = await run('customers.create', { email: 'ada@example.com' });
    const trial = await run('subscriptions.create', {
      customer: customer.id,
      items: [{ price: 'price_seats_monthly', quantity: 3 }],
      trialPeriodDays: 14,
    });
    expect(trial).toMatchObject({
      status: 'trialing',
      customer: customer.id,
      items: [{ price: 'price_seats_monthly', quantity: 3 }],
      trialEnd: expect.any(String),
      latestInvoice: expect.stringMatching(/^in_/),
    });
    expect(sent(last())).toMatchObject({
      items: [{ price: 'price_seats_monthly', quantity: '3' }],
      trial_period_days: '14',
    });
    const paid = await run('subscriptions.create', {
      customer: customer.id,
      items: [{ price: 'price_1MowQULkdIwHu7ixraBm864M' }],
      defaultPaymentMethod: 'pm_card_visa',
      idempotencyKey: 'plan-1',
    });
    expect(paid).toMatchObject({ status: 'active', trialEnd: null, cancelAtPeriodEnd: false });
    expect(stripe.objects.get(String(paid.latestInvoice))).toMatchObject({ status: 'paid', amount_paid: 1500 });

    expect(await run('subscriptions.get', { id: trial.id })).toEqual(trial);
    const canceled = await run('subscriptions.cancel', { id: trial.id, prorate: true });
    expect(canceled).toMatchObject({ status: 'canceled', canceledAt: expect.any(String) });
    expect(last()).toMatchObject({ method: 'DELETE', path: `/v1/subscriptions/${String(trial.id)}` });
    expect(last()?.query.get('prorate')).toBe('true');
    const active = await run('subscriptions.list', { customer: customer.id });
    expect((active.data as Out[]).map((s) => s.id)).toEqual([paid.id]);
    const all = await run('subscriptions.list', { customer: customer.id, status: 'all' });
    expect((all.data as Out[]).map((s) => s.id)).toEqual([paid.id, trial.id]);
    const bySeat = await run('subscriptions.list', { price: 'price_seats_monthly', status: 'canceled' });
    expect((bySeat.data as Out[]).map((s) => s.id)).toEqual([trial.id]);

    const unknown = await fail('subscriptions.create', {
      customer: customer.id,
      items: [{ price: 'price_nope' }],
      trialPeriodDays: 7,
    });
    expect(unknown).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', message: expect.stringContaining("No such price: 'price_nope'") },
    });
  });
});

describe('events trigger', () => {
  it('records what exists, then emits new events of the wanted types, oldest first, once each', async () => {
    await run('customers.create', { name: 'Before' });
    const input = { types: ['customer.created', 'payment_intent.*'] };
    const first = await connector.poll('events.new', input, { auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });
    expect(last()?.query.toString()).toBe('limit=100&types%5B0%5D=customer.created&types%5B1%5D=payment_intent.*');
    const customer = await run('customers.create', { name: 'After' });
    await run('paymentIntents.create', {
      amount: 700,
      currency: 'usd',
      customer: customer.id,
      paymentMethod: 'pm_card_visa',
      confirm: true,
    });
    const second = await connector.poll('events.new', input, { auth, state: first.state });
    expect((second.items as Out[]).map((e) => e.type)).toEqual([
      'customer.created',
      'payment_intent.created',
      'payment_intent.succeeded',
    ]);
    expect((second.items as Out[])[0]).toMatchObject({
      object: { id: customer.id, name: 'After' },
      apiVersion: STRIPE_VERSION,
      livemode: false,
    });
    const third = await connector.poll('events.new', input, { auth, state: second.state });
    expect(third.items).toEqual([]);
  });
});

describe('the reference', () => {
  it('refuses unknown and malformed parameters the way Stripe does', async () => {
    const post = (body: string) =>
      fetch(`${stripe.url}/v1/customers`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${API_KEY}`,
          'stripe-version': STRIPE_VERSION,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body,
      });
    const unknown = await post('nickname=Ada');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { code: 'parameter_unknown', param: 'nickname' } });
    const json = await fetch(`${stripe.url}/v1/customers`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${API_KEY}`,
        'stripe-version': STRIPE_VERSION,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(json.status).toBe(400);
  });
});

describe('every example in the manifest', () => {
  it('runs in a story order against an account holding the ids the examples name', async () => {
    stripe.put({
      id: 'cus_NffrFeUfNV2Hib',
      object: 'customer',
      email: 'ada@example.com',
      name: 'Ada',
      phone: null,
      description: null,
      balance: 0,
      currency: null,
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    });
    stripe.put({
      id: 'pi_3MtwBwLkdIwHu7ix28a3tqPa',
      object: 'payment_intent',
      amount: 2000,
      amount_received: 0,
      currency: 'usd',
      customer: 'cus_NffrFeUfNV2Hib',
      payment_method: null,
      latest_charge: null,
      capture_method: 'automatic_async',
      description: null,
      client_secret: 'pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_x',
      status: 'requires_payment_method',
    });
    stripe.put({
      id: 'in_1MtHbELkdIwHu7ixl4OzzPMv',
      object: 'invoice',
      customer: 'cus_NffrFeUfNV2Hib',
      currency: 'usd',
      collection_method: 'charge_automatically',
      status: 'draft',
      number: null,
      amount_due: 4200,
      amount_paid: 0,
      amount_remaining: 4200,
      due_date: null,
      hosted_invoice_url: null,
      invoice_pdf: null,
      description: null,
    });
    stripe.put({
      id: 'sub_1MowQVLkdIwHu7ixeRlqHVzs',
      object: 'subscription',
      customer: 'cus_NffrFeUfNV2Hib',
      status: 'active',
      items: {
        object: 'list',
        data: [
          {
            id: 'si_1',
            price: { id: 'price_1MowQULkdIwHu7ixraBm864M' },
            quantity: 1,
            current_period_end: 1_800_000_000,
          },
        ],
      },
      cancel_at_period_end: false,
      canceled_at: null,
      trial_end: null,
      latest_invoice: null,
    });
    const order = [
      'customers.create',
      'customers.get',
      'customers.list',
      'paymentIntents.create',
      'paymentIntents.get',
      'paymentIntents.confirm',
      'paymentIntents.list',
      'invoices.create',
      'invoices.get',
      'invoices.list',
      'invoices.finalize',
      'subscriptions.create',
      'subscriptions.get',
      'subscriptions.list',
      'subscriptions.cancel',
      'refunds.create',
    ];
    await runExamples(order, { triggers: true });
    expect(stripe.unmatched).toEqual([]);
  });
});
