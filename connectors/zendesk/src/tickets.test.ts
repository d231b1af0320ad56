import { describe, expect, it } from 'vitest';
import { toTicket } from './tickets.js';

describe('toTicket', () => {
  it('keeps Zendesk’s fields and fills the ones a minimal answer leaves out', () => {
    expect(
      toTicket({
        id: 35436,
        url: 'https://acme.zendesk.com/api/v2/tickets/35436.json',
        status: 'open',
        subject: 'Help',
        tags: ['vip'],
        custom_fields: [{ id: 27642, value: '745' }],
        created_at: '2026-01-05T09:00:00Z',
        updated_at: '2026-01-05T10:00:00Z',
      }),
    ).toEqual({
      id: 35436,
      url: 'https://acme.zendesk.com/api/v2/tickets/35436.json',
      subject: 'Help',
      description: null,
      status: 'open',
      priority: null,
      type: null,
      requester_id: null,
      submitter_id: null,
      assignee_id: null,
      group_id: null,
      organization_id: null,
      external_id: null,
      tags: ['vip'],
      custom_fields: [{ id: 27642, value: '745' }],
      created_at: '2026-01-05T09:00:00Z',
      updated_at: '2026-01-05T10:00:00Z',
    });
  });
});
