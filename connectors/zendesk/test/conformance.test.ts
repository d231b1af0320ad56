import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT, startZendesk, type ZendeskReference } from './zendesk-api.js';

// Every action and the trigger through the sandbox users run them in, against the loopback Zendesk account
// of zendesk-api.ts (its header names the Zendesk API pages each route follows), reached through the
// connection's apiUrl (network.connectionHosts).
let zd: ZendeskReference;
let zendesk: ConnectorUnderTest;
let auth: Record<string, unknown>;

beforeAll(async () => {
  zd = await startZendesk();
  zendesk = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { subdomain: 'acme', apiUrl: zd.url, email: AGENT.email, apiToken: AGENT.apiToken };
});
afterAll(async () => {
  await zendesk?.close();
  await zd?.close();
});

const last = (method: string, path: string) =>
  zd.server.requests.filter((r) => r.method === method && r.path === path).at(-1);

describe('zendesk tickets through the sandbox', () => {
  it('creates a ticket for a new requester, reads, updates and comments on it', async () => {
    const created = await zendesk.run(
      'tickets.create',
      {
        subject: 'Printer on fire',
        body: 'The printer on floor 3 is smoking.',
        requester: { email: 'ada@example.com', name: 'Ada Lovelace' },
        priority: 'urgent',
        tags: ['hardware'],
        custom_fields: [{ id: 360001, value: 'floor-3' }],
      },
      { auth },
    );
    expect(created).toMatchObject({ status: 'completed', isolation: 'worker' });
    const ticket = created.output as { id: number; requester_id: number; url: string };
    expect(created.output).toMatchObject({
      subject: 'Printer on fire',
      description: 'The printer on floor 3 is smoking.',
      status: 'new',
      priority: 'urgent',
      tags: ['hardware'],
      custom_fields: [{ id: 360001, value: 'floor-3' }],
      assignee_id: null,
    });
    expect(zd.users.get(ticket.requester_id)).toMatchObject({ email: 'ada@example.com', name: 'Ada Lovelace' });
    const sent = last('POST', '/api/v2/tickets.json');
    expect(sent?.body).toMatchObject({
      ticket: { comment: { body: 'The printer on floor 3 is smoking.', public: true } },
    });
    expect(sent?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${AGENT.email}/token:${AGENT.apiToken}`).toString('base64')}`,
    );

    expect(await zendesk.run('tickets.get', { id: ticket.id }, { auth })).toMatchObject({
      status: 'completed',
      output: { id: ticket.id, url: ticket.url, subject: 'Printer on fire' },
    });

    const updated = await zendesk.run(
      'tickets.update',
      { id: ticket.id, status: 'open', assignee_id: zd.admin.id, additional_tags: ['escalated'] },
      { auth },
    );
    expect(updated).toMatchObject({
      status: 'completed',
      output: { status: 'open', assignee_id: zd.admin.id, tags: ['hardware', 'escalated'] },
    });

    const note = await zendesk.run(
      'tickets.comment',
      { id: ticket.id, body: 'Called facilities.', public: false },
      { auth },
    );
    expect(note).toMatchObject({ status: 'completed', output: { ticket_id: ticket.id, status: 'open' } });
    const reply = await zendesk.run(
      'tickets.comment',
      { id: ticket.id, body: 'Facilities are on their way.', status: 'pending' },
      { auth },
    );
    expect(reply).toMatchObject({ status: 'completed', output: { status: 'pending' } });
    const comments = zd.tickets.get(ticket.id)?.comments ?? [];
    expect(comments.map((c) => [c.body, c.public])).toEqual([
      ['The printer on floor 3 is smoking.', true],
      ['Called facilities.', false],
      ['Facilities are on their way.', true],
    ]);
    expect((reply.output as { comment_id: number }).comment_id).toBe(comments[2]?.id);
    expect(last('PUT', `/api/v2/tickets/${ticket.id}.json`)?.body).toEqual({
      ticket: { comment: { body: 'Facilities are on their way.', public: true }, status: 'pending' },
    });
  });

  it('searches tickets with Zendesk syntax, page by page, sorted', async () => {
    for (let i = 0; i < 105; i++) zd.seedTicket({ subject: `Bulk ${i}`, description: 'bulk import', tags: ['bulk'] });
    const result = await zendesk.run(
      'tickets.search',
      { query: 'tags:bulk', sort_by: 'created_at', sort_order: 'asc', maxResults: 103 },
      { auth },
    );
    expect(result.status).toBe('completed');
    const output = result.output as { tickets: { subject: string }[]; count: number };
    expect(output.count).toBe(105);
    expect(output.tickets).toHaveLength(103);
    expect(output.tickets[0]?.subject).toBe('Bulk 0');
    expect(output.tickets[102]?.subject).toBe('Bulk 102');
    const searches = zd.server.requests.filter((r) => r.path === '/api/v2/search.json');
    expect(searches.map((r) => [r.query.get('page'), r.query.get('per_page'), r.query.get('query')])).toEqual([
      ['1', '100', 'type:ticket tags:bulk'],
      ['2', '100', 'type:ticket tags:bulk'],
    ]);

    const urgent = await zendesk.run('tickets.search', { query: 'priority:urgent smoking' }, { auth });
    expect(urgent).toMatchObject({
      status: 'completed',
      output: { count: 1, tickets: [{ subject: 'Printer on fire' }] },
    });
  });
});

describe('zendesk users through the sandbox', () => {
  it('creates, reads and finds users, and refuses a taken email as a conflict', async () => {
    const created = await zendesk.run(
      'users.create',
      { name: 'Grace Hopper', email: 'grace@example.com', external_id: 'crm-42', verified: true },
      { auth },
    );
    expect(created).toMatchObject({
      status: 'completed',
      output: { name: 'Grace Hopper', role: 'end-user', verified: true, external_id: 'crm-42' },
    });
    const id = (created.output as { id: number }).id;
    expect(last('POST', '/api/v2/users.json')?.body).toEqual({
      user: {
        name: 'Grace Hopper',
        email: 'grace@example.com',
        external_id: 'crm-42',
        verified: true,
        role: 'end-user',
      },
    });
    expect(await zendesk.run('users.get', { id }, { auth })).toMatchObject({
      status: 'completed',
      output: { id, email: 'grace@example.com' },
    });
    expect(await zendesk.run('users.search', { query: 'grace@example.com' }, { auth })).toMatchObject({
      status: 'completed',
      output: { users: [{ id }] },
    });
    expect(await zendesk.run('users.search', { external_id: 'crm-42' }, { auth })).toMatchObject({
      status: 'completed',
      output: { users: [{ id }] },
    });

    const taken = await zendesk.run('users.create', { name: 'Grace again', email: 'grace@example.com' }, { auth });
    expect(taken).toMatchObject({ status: 'failed', error: { kind: 'conflict', status: 422 } });
    expect(taken.error?.message).toContain('already being used');
  });
});

describe('zendesk tickets.changed trigger', () => {
  it('records the first poll, then emits each new or changed ticket once, across export pages', async () => {
    const first = await zendesk.poll('tickets.changed', {}, { auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });
    expect(first.state?.since).toBeDefined();

    const fresh = zd.seedTicket({ subject: 'Login broken' });
    const old = zd.seedTicket({ subject: 'Old question' });
    zd.touchTicket(fresh.id, { status: 'open' });
    zd.exportPageSize = 2;
    const second = await zendesk.poll('tickets.changed', {}, { auth, state: first.state });
    zd.exportPageSize = 1000;
    expect(second.status).toBe('completed');
    expect(second.items).toMatchObject([
      { id: old.id, isNew: true },
      { id: fresh.id, status: 'open', isNew: false },
    ]);
    const exports = zd.server.requests.filter((r) => r.path === '/api/v2/incremental/tickets.json');
    expect(exports.length).toBeGreaterThanOrEqual(3);

    const quiet = await zendesk.poll('tickets.changed', {}, { auth, state: second.state });
    expect(quiet).toMatchObject({ status: 'completed', items: [] });

    zd.touchTicket(old.id, { status: 'solved' });
    const newer = zd.seedTicket({ subject: 'Brand new' });
    const onlyNew = await zendesk.poll('tickets.changed', { onlyNew: true }, { auth, state: quiet.state });
    expect(onlyNew.items).toMatchObject([{ id: newer.id, isNew: true }]);
  });
});

describe('zendesk auth and failures', () => {
  it('takes an OAuth bearer token, and maps a refused credential, a missing ticket, invalid input and a rate limit', async () => {
    const oauth = { subdomain: 'acme', apiUrl: zd.url, accessToken: AGENT.accessToken };
    expect(await zendesk.run('users.get', { id: zd.admin.id }, { auth: oauth })).toMatchObject({ status: 'completed' });
    expect(last('GET', `/api/v2/users/${zd.admin.id}.json`)?.headers.authorization).toBe(`Bearer ${AGENT.accessToken}`);

    const refused = await zendesk.run('tickets.get', { id: 1 }, { auth: { ...auth, apiToken: 'wrong' } });
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 401 } });
    expect(refused.error?.message).not.toContain('wrong');

    expect(await zendesk.run('tickets.get', { id: 999999 }, { auth })).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', status: 404 },
    });
    const before = zd.server.requests.length;
    expect(await zendesk.run('tickets.update', { id: 1 }, { auth })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input' },
    });
    expect(zd.server.requests.length).toBe(before);

    zd.server.answerNext('GET', '/api/v2/search.json', {
      status: 429,
      headers: { 'retry-after': '93' },
      body: { error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' },
    });
    expect(await zendesk.run('tickets.search', { query: 'status:open' }, { auth })).toMatchObject({
      status: 'failed',
      error: { kind: 'rate_limit', status: 429, retryAfter: 93 },
    });
    const closed = zd.seedTicket({ status: 'closed' });
    expect(await zendesk.run('tickets.update', { id: closed.id, status: 'open' }, { auth })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', status: 422 },
    });
    expect(zd.server.unmatched).toEqual([]);
  });
});
