import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HubSpotReference, OAUTH, PRIVATE_APP_TOKEN, startHubSpot } from './hubspot-api.js';

// Every action and the trigger through the sandbox users run them in, against the loopback HubSpot account
// of hubspot-api.ts (its header names the HubSpot pages each route follows). The account is reached the way
// a proxy or the EU API root would be: through the connection's apiUrl (network.connectionHosts).
let hs: HubSpotReference;
let hubspot: ConnectorUnderTest;
let auth: Record<string, unknown>;

beforeAll(async () => {
  hs = await startHubSpot();
  hubspot = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { accessToken: PRIVATE_APP_TOKEN, apiUrl: hs.url };
});
afterAll(async () => {
  await hubspot?.close();
  await hs?.close();
});

const lastRequest = (method: string, path: string) =>
  hs.server.requests.filter((r) => r.method === method && r.path === path).at(-1);

describe('hubspot CRM records through the sandbox', () => {
  it('creates, reads (by ID and by email), updates and searches contacts', async () => {
    const created = await hubspot.run(
      'contacts.create',
      { properties: { email: 'ada@example.com', firstname: 'Ada', lastname: 'Lovelace', hs_lead_status: 'NEW' } },
      { auth },
    );
    expect(created).toMatchObject({ status: 'completed', isolation: 'worker' });
    const contact = created.output as { id: string; createdAt: string; properties: Record<string, string> };
    expect(contact.properties).toMatchObject({ email: 'ada@example.com', firstname: 'Ada', hs_object_id: contact.id });
    expect(contact.createdAt).toMatch(/^2026-01-05T09:00:\d\d\.000Z$/);
    expect(hs.records.contacts.get(contact.id)?.properties.lastname).toBe('Lovelace');
    expect(lastRequest('POST', '/crm/v3/objects/contacts')?.headers.authorization).toBe(`Bearer ${PRIVATE_APP_TOKEN}`);

    const byId = await hubspot.run(
      'contacts.get',
      { id: contact.id, properties: ['email', 'hs_lead_status'] },
      { auth },
    );
    expect(byId).toMatchObject({
      status: 'completed',
      output: { id: contact.id, archived: false, properties: { email: 'ada@example.com', hs_lead_status: 'NEW' } },
    });
    const byEmail = await hubspot.run('contacts.get', { id: 'ada@example.com', idProperty: 'email' }, { auth });
    expect(byEmail).toMatchObject({ status: 'completed', output: { id: contact.id } });
    expect(
      lastRequest('GET', `/crm/v3/objects/contacts/${encodeURIComponent('ada@example.com')}`)?.query.get('idProperty'),
    ).toBe('email');

    const updated = await hubspot.run(
      'contacts.update',
      { id: contact.id, properties: { lifecyclestage: 'customer', hs_lead_status: '' } },
      { auth },
    );
    expect(updated).toMatchObject({ status: 'completed', output: { properties: { lifecyclestage: 'customer' } } });
    expect(hs.records.contacts.get(contact.id)?.properties).toMatchObject({
      lifecyclestage: 'customer',
      hs_lead_status: '',
    });
    const { updatedAt, createdAt } = updated.output as { updatedAt: string; createdAt: string };
    expect(Date.parse(updatedAt)).toBeGreaterThan(Date.parse(createdAt));

    const found = await hubspot.run(
      'contacts.search',
      {
        filterGroups: [
          { filters: [{ propertyName: 'email', operator: 'CONTAINS_TOKEN', value: '*@example.com' }] },
          { filters: [{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'customer' }] },
        ],
        sorts: [{ propertyName: 'createdate', direction: 'DESCENDING' }],
        properties: ['email'],
      },
      { auth },
    );
    expect(found).toMatchObject({ status: 'completed', output: { total: 1, results: [{ id: contact.id }] } });
    expect(lastRequest('POST', '/crm/v3/objects/contacts/search')?.body).toEqual({
      filterGroups: [
        { filters: [{ propertyName: 'email', operator: 'CONTAINS_TOKEN', value: '*@example.com' }] },
        { filters: [{ propertyName: 'lifecyclestage', operator: 'EQ', value: 'customer' }] },
      ],
      sorts: [{ propertyName: 'createdate', direction: 'DESCENDING' }],
      properties: ['email'],
      limit: 100,
    });
  });

  it('pages a search with after up to maxResults, and continues from the cursor', async () => {
    for (let i = 0; i < 5; i++) hs.seed('companies', { name: `Pager ${i}`, domain: `pager${i}.example` });
    const input = {
      query: 'pager',
      sorts: [{ propertyName: 'name', direction: 'ASCENDING' }],
      maxResults: 3,
    };
    // The reference pages by the limit the connector asks for; two pages of at most 3 make it follow `after`.
    hs.server.answerNext('POST', '/crm/v3/objects/companies/search', {
      body: {
        total: 5,
        results: [...hs.records.companies.values()].slice(0, 2).map((r) => ({ ...r, archived: false })),
        paging: { next: { after: '2' } },
      },
    });
    const first = await hubspot.run('companies.search', input, { auth });
    expect(first).toMatchObject({ status: 'completed', output: { total: 5, after: '3' } });
    const names = (first.output as { results: { properties: { name: string } }[] }).results.map(
      (r) => r.properties.name,
    );
    expect(names).toEqual(['Pager 0', 'Pager 1', 'Pager 2']);
    const searches = hs.server.requests.filter((r) => r.path === '/crm/v3/objects/companies/search');
    expect(searches.map((r) => (r.body as { limit: number; after?: string }).after)).toEqual([undefined, '2']);
    expect(searches.map((r) => (r.body as { limit: number }).limit)).toEqual([3, 1]);

    const rest = await hubspot.run('companies.search', { ...input, after: '3' }, { auth });
    expect(rest).toMatchObject({ status: 'completed', output: { total: 5 } });
    expect(
      (rest.output as { results: { properties: { name: string } }[] }).results.map((r) => r.properties.name),
    ).toEqual(['Pager 3', 'Pager 4']);
    expect(rest.output).not.toHaveProperty('after');
  });

  it('creates, reads, updates and searches companies and deals, and associates them', async () => {
    const company = await hubspot.run(
      'companies.create',
      { properties: { name: 'Engines Ltd', domain: 'engines.example' } },
      { auth },
    );
    expect(company).toMatchObject({ status: 'completed', output: { properties: { name: 'Engines Ltd' } } });
    const companyId = (company.output as { id: string }).id;
    expect(await hubspot.run('companies.get', { id: companyId }, { auth })).toMatchObject({
      status: 'completed',
      output: { properties: { name: 'Engines Ltd', domain: 'engines.example' } },
    });
    expect(
      await hubspot.run('companies.update', { id: companyId, properties: { industry: 'COMPUTER_SOFTWARE' } }, { auth }),
    ).toMatchObject({
      status: 'completed',
    });
    expect(hs.records.companies.get(companyId)?.properties.industry).toBe('COMPUTER_SOFTWARE');

    const deal = await hubspot.run(
      'deals.create',
      { properties: { dealname: 'Engine order', amount: 12000, pipeline: 'default' } },
      { auth },
    );
    expect(deal).toMatchObject({ status: 'completed', output: { properties: { amount: '12000' } } });
    const dealId = (deal.output as { id: string }).id;
    expect(hs.records.deals.get(dealId)?.properties.amount).toBe('12000');
    expect(
      await hubspot.run('deals.update', { id: dealId, properties: { dealstage: 'closedwon' } }, { auth }),
    ).toMatchObject({
      status: 'completed',
      output: { properties: { dealstage: 'closedwon' } },
    });
    expect(await hubspot.run('deals.get', { id: dealId, properties: ['dealstage', 'amount'] }, { auth })).toMatchObject(
      {
        status: 'completed',
        output: { properties: { dealstage: 'closedwon', amount: '12000' } },
      },
    );
    const big = await hubspot.run(
      'deals.search',
      { filterGroups: [{ filters: [{ propertyName: 'amount', operator: 'GTE', value: '10000' }] }] },
      { auth },
    );
    expect(big).toMatchObject({ status: 'completed', output: { total: 1, results: [{ id: dealId }] } });

    const contactId = hs.seed('contacts', { email: 'grace@example.com' }).id;
    const linked = await hubspot.run(
      'associations.create',
      { fromObjectType: 'contacts', fromObjectId: contactId, toObjectType: 'companies', toObjectId: companyId },
      { auth },
    );
    expect(linked).toMatchObject({
      status: 'completed',
      output: {
        fromObjectId: contactId,
        toObjectId: companyId,
        associationTypes: [
          { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 },
          { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 280 },
        ],
        labels: [],
      },
    });
    const primary = await hubspot.run(
      'associations.create',
      {
        fromObjectType: 'contacts',
        fromObjectId: contactId,
        toObjectType: 'companies',
        toObjectId: companyId,
        associationTypeId: 1,
      },
      { auth },
    );
    expect(primary.error).toBeUndefined();
    expect(primary).toMatchObject({ status: 'completed', output: { labels: ['Primary'], fromObjectId: contactId } });
    expect(
      lastRequest('PUT', `/crm/v4/objects/contacts/${contactId}/associations/companies/${companyId}`)?.body,
    ).toEqual([{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }]);
    expect(hs.associations.filter((a) => a.from === contactId).map((a) => a.typeId)).toEqual([279, 1]);
  });
});

describe('hubspot contacts.changed trigger', () => {
  it('records the newest contacts first, then emits each creation and each later change once', async () => {
    const input = { properties: ['email'], maxPerPoll: 50 };
    const first = await hubspot.poll('contacts.changed', input, { auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });

    const fresh = hs.seed('contacts', { email: 'new@example.com' });
    const old = [...hs.records.contacts.values()][0];
    if (!old) throw new Error('no contact seeded');
    hs.touch('contacts', old.id, { email: 'ada+changed@example.com' });
    const second = await hubspot.poll('contacts.changed', input, { auth, state: first.state });
    expect(second.status).toBe('completed');
    expect(second.items).toMatchObject([
      { id: fresh.id, isNew: true, properties: { email: 'new@example.com' } },
      { id: old.id, isNew: false, properties: { email: 'ada+changed@example.com' } },
    ]);
    const search = lastRequest('POST', '/crm/v3/objects/contacts/search')?.body;
    expect(search).toMatchObject({ sorts: [{ propertyName: 'lastmodifieddate', direction: 'DESCENDING' }], limit: 50 });

    const quiet = await hubspot.poll('contacts.changed', input, { auth, state: second.state });
    expect(quiet).toMatchObject({ status: 'completed', items: [] });
    hs.touch('contacts', fresh.id, { firstname: 'Newly' });
    const again = await hubspot.poll('contacts.changed', input, { auth, state: quiet.state });
    expect(again.items).toMatchObject([{ id: fresh.id, isNew: false }]);
  });
});

describe('hubspot auth and failures', () => {
  it('renews an OAuth access token with the refresh token, before the call and after a 401', async () => {
    const oauth = { ...OAUTH, apiUrl: hs.url };
    const result = await hubspot.run('contacts.search', { query: 'example' }, { auth: oauth });
    expect(result).toMatchObject({ status: 'completed' });
    const refreshRequest = hs.server.requests.filter((r) => r.path === '/oauth/v1/token').at(-1);
    expect(refreshRequest?.body).toMatchObject({
      grant_type: 'refresh_token',
      refresh_token: 'refresh-1',
      client_id: 'client-1',
    });
    expect(lastRequest('POST', '/crm/v3/objects/contacts/search')?.headers.authorization).toMatch(
      /^Bearer oauth-access-\d+$/,
    );

    const refreshes = hs.server.requests.filter((r) => r.path === '/oauth/v1/token').length;
    const expired = await hubspot.run(
      'contacts.get',
      { id: 'grace@example.com', idProperty: 'email' },
      { auth: { ...oauth, accessToken: 'expired' } },
    );
    expect(expired).toMatchObject({ status: 'completed', output: { properties: { email: 'grace@example.com' } } });
    expect(hs.server.requests.filter((r) => r.path === '/oauth/v1/token').length).toBe(refreshes + 1);

    const badRefresh = await hubspot.run('contacts.get', { id: '1' }, { auth: { ...oauth, refreshToken: 'revoked' } });
    expect(badRefresh).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 400 } });
  });

  it('maps a refused token, a missing record, a validation error, a conflict and a rate limit', async () => {
    const wrongToken = await hubspot.run(
      'contacts.get',
      { id: '1' },
      { auth: { ...auth, accessToken: 'pat-na1-wrong' } },
    );
    expect(wrongToken).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 401 } });
    expect(wrongToken.error?.message).toContain('INVALID_AUTHENTICATION');

    expect(await hubspot.run('deals.get', { id: '999999' }, { auth })).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', status: 404 },
    });
    expect(
      await hubspot.run('contacts.create', { properties: { email: 'grace@example.com' } }, { auth }),
    ).toMatchObject({
      status: 'failed',
      error: { kind: 'conflict', status: 409 },
    });
    const invalid = await hubspot.run('companies.update', { id: 'x', properties: {} }, { auth });
    expect(invalid).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });

    hs.server.answerNext('POST', '/crm/v3/objects/contacts/search', {
      status: 429,
      headers: { 'retry-after': '10' },
      body: {
        status: 'error',
        message: 'You have reached your ten_secondly_rolling limit.',
        errorType: 'RATE_LIMIT',
        correlationId: 'c1',
        policyName: 'TEN_SECONDLY_ROLLING',
        category: 'RATE_LIMITS',
      },
    });
    expect(await hubspot.run('contacts.search', { query: 'x' }, { auth })).toMatchObject({
      status: 'failed',
      error: { kind: 'rate_limit', status: 429, retryAfter: 10 },
    });
    hs.server.answerNext('POST', '/crm/v3/objects/deals/search', {
      status: 400,
      body: { status: 'error', message: 'Invalid input JSON', correlationId: 'c2', category: 'VALIDATION_ERROR' },
    });
    expect(await hubspot.run('deals.search', { query: 'x' }, { auth })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', status: 400 },
    });
    expect(hs.server.unmatched).toEqual([]);
  });
});
