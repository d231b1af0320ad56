import { describe, expect, it } from 'vitest';
import { asPropertyStrings, toRecord } from './objects.js';

describe('CRM record mapping', () => {
  it('turns the SDK’s dates into ISO strings and defaults archived', () => {
    expect(
      toRecord({
        id: '51',
        properties: { email: 'ada@example.com', phone: null },
        createdAt: new Date('2026-01-05T09:00:00Z'),
        updatedAt: new Date('2026-01-06T10:30:00Z'),
      }),
    ).toEqual({
      id: '51',
      properties: { email: 'ada@example.com', phone: null },
      createdAt: '2026-01-05T09:00:00.000Z',
      updatedAt: '2026-01-06T10:30:00.000Z',
      archived: false,
    });
  });

  it('sends numbers and booleans as the strings HubSpot stores', () => {
    expect(asPropertyStrings({ amount: 12000.5, hs_is_closed: false, dealname: 'x' })).toEqual({
      amount: '12000.5',
      hs_is_closed: 'false',
      dealname: 'x',
    });
  });
});
