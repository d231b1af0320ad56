import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { idOf, iso, pageOf, subscriptionOf } from './resources.js';

describe('resource mapping', () => {
  it('reads ids of expandable fields and Unix times', () => {
    expect(idOf('cus_1')).toBe('cus_1');
    expect(idOf({ id: 'cus_2' })).toBe('cus_2');
    expect(idOf(null)).toBeNull();
    expect(iso(1_700_000_000)).toBe('2023-11-14T22:13:20.000Z');
    expect(iso(null)).toBeNull();
  });

  it('gives the next cursor only when more follow', () => {
    const list = (hasMore: boolean) =>
      ({ object: 'list', url: '/v1/x', has_more: hasMore, data: [{ id: 'a' }, { id: 'b' }] }) as Stripe.ApiList<{
        id: string;
      }>;
    expect(pageOf(list(true), (x) => x.id)).toEqual({ data: ['a', 'b'], hasMore: true, nextStartingAfter: 'b' });
    expect(pageOf(list(false), (x) => x.id)).toEqual({ data: ['a', 'b'], hasMore: false, nextStartingAfter: null });
  });

  it('flattens a subscription’s items and times', () => {
    const subscription = {
      id: 'sub_1',
      status: 'active',
      customer: { id: 'cus_1' },
      items: { data: [{ id: 'si_1', price: { id: 'price_1' }, quantity: 2, current_period_end: 1_700_000_000 }] },
      cancel_at_period_end: false,
      canceled_at: null,
      trial_end: null,
      latest_invoice: 'in_1',
      created: 1_700_000_000,
      metadata: { plan: 'team' },
    } as unknown as Stripe.Subscription;
    expect(subscriptionOf(subscription)).toEqual({
      id: 'sub_1',
      status: 'active',
      customer: 'cus_1',
      items: [{ id: 'si_1', price: 'price_1', quantity: 2, currentPeriodEnd: '2023-11-14T22:13:20.000Z' }],
      cancelAtPeriodEnd: false,
      canceledAt: null,
      trialEnd: null,
      latestInvoice: 'in_1',
      created: '2023-11-14T22:13:20.000Z',
      metadata: { plan: 'team' },
    });
  });
});
