import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, FROM, OAUTH_TOKEN, type PagerdutyReference, ROUTING_KEY, startPagerduty } from './pagerduty-api.js';

// Every action and the polling trigger through the sandbox users run them in (worker thread, egress
// limited to the hosts the connection's apiUrl and eventsUrl name), against the loopback PagerDuty of
// pagerduty-api.ts (its header names the developer.pagerduty.com pages each route follows): a REST
// API server and an Events API server sharing one account, so an event's incident shows in the REST
// listing. They are reached the way a proxy is: through the connection's URL fields
// (network.connectionHosts), not a test-only allowance.
let pd: PagerdutyReference;
let connector: ConnectorUnderTest;
let auth: Record<string, unknown>;

beforeAll(async () => {
  pd = await startPagerduty();
  pd.addIncident({ id: 'PT4KHLK', title: 'Disk full on web-3', incident_key: 'web-3/disk' });
  connector = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { apiToken: API_KEY, from: FROM, routingKey: ROUTING_KEY, apiUrl: pd.rest.url, eventsUrl: pd.events.url };
});
afterAll(async () => {
  await connector?.close();
  await pd?.close();
});

type Out = Record<string, unknown>;
const { run, call: fail, runExamples } = actionCalls({ connector: () => connector, auth: () => auth });
const lastRest = () => pd.rest.requests.at(-1);

describe('every example in the manifest', () => {
  it('runs in a story order and gives the output it shows', async () => {
    const order = [
      'events.trigger',
      'events.acknowledge',
      'events.resolve',
      'incidents.list',
      'incidents.get',
      'incidents.create',
      'incidents.notes.create',
      'incidents.notes.list',
      'incidents.update',
    ];
    await runExamples(order);
    expect(pd.incidents.find((i) => i.incident_key === 'prod-db-01/replication-lag')).toMatchObject({
      status: 'resolved',
      service: { id: 'PSERV02' },
    });
    expect(pd.incidents.find((i) => i.id === 'PT4KHLK')).toMatchObject({ status: 'resolved' });
    expect(pd.rest.unmatched).toEqual([]);
    expect(pd.events.unmatched).toEqual([]);
  });
});

describe('Events API v2', () => {
  it('sends the documented event, with the routing key of the step or of the connection', async () => {
    const triggered = await run('events.trigger', {
      routingKey: ROUTING_KEY,
      summary: 'CPU over 95% on api-7',
      source: 'api-7',
      severity: 'warning',
      component: 'nginx',
      group: 'web',
      class: 'cpu',
      timestamp: '2026-03-02T08:30:00Z',
      customDetails: { cpu: 97.5, cores: [1, 2] },
      links: [{ href: 'https://runbooks.example.com/cpu', text: 'Runbook' }],
      client: 'Grafana',
      clientUrl: 'https://grafana.example.com/d/cpu',
    });
    expect(pd.received.at(-1)).toEqual({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      payload: {
        summary: 'CPU over 95% on api-7',
        source: 'api-7',
        severity: 'warning',
        timestamp: '2026-03-02T08:30:00Z',
        component: 'nginx',
        group: 'web',
        class: 'cpu',
        custom_details: { cpu: 97.5, cores: [1, 2] },
      },
      links: [{ href: 'https://runbooks.example.com/cpu', text: 'Runbook' }],
      client: 'Grafana',
      client_url: 'https://grafana.example.com/d/cpu',
    });
    // No dedup key given: PagerDuty makes one, and the step hands it on for a later resolve.
    expect(triggered).toEqual({
      status: 'success',
      message: 'Event processed',
      dedupKey: expect.stringMatching(/^srv-/),
    });
    expect(pd.events.requests.at(-1)?.headers.authorization).toBeUndefined();
    const incident = pd.incidents.find((i) => i.incident_key === triggered.dedupKey);
    expect(incident).toMatchObject({ status: 'triggered', urgency: 'low' });

    await run('events.resolve', { dedupKey: triggered.dedupKey });
    expect(pd.received.at(-1)).toEqual({
      routing_key: ROUTING_KEY,
      event_action: 'resolve',
      dedup_key: triggered.dedupKey,
    });
    expect(incident?.status).toBe('resolved');
  });

  it('reports a refused event and a missing routing key as invalid input', async () => {
    expect(await fail('events.acknowledge', { routingKey: 'not-a-key', dedupKey: 'x' })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', status: 400, message: expect.stringContaining("'routing_key' is invalid") },
    });
    const { routingKey: _none, ...withoutKey } = auth;
    const missing = await fail('events.resolve', { dedupKey: 'x' }, withoutKey);
    expect(missing).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('no routing key') },
    });
  });
});

describe('incidents through the REST API', () => {
  it('creates with the From header and references, reads, lists and updates', async () => {
    const created = await run('incidents.create', {
      serviceId: 'PWIXJZS',
      title: 'Payments timing out',
      urgency: 'low',
      details: 'p99 above 8 s',
      incidentKey: 'payments/timeouts',
      priorityId: 'PSO75BM',
      assigneeIds: ['PUSER77'],
    });
    expect(lastRest()).toMatchObject({
      method: 'POST',
      path: '/incidents',
      headers: {
        from: FROM,
        authorization: `Token token=${API_KEY}`,
        accept: 'application/vnd.pagerduty+json;version=2',
      },
      body: {
        incident: {
          type: 'incident',
          title: 'Payments timing out',
          service: { id: 'PWIXJZS', type: 'service_reference' },
          urgency: 'low',
          incident_key: 'payments/timeouts',
          body: { type: 'incident_body', details: 'p99 above 8 s' },
          priority: { id: 'PSO75BM', type: 'priority_reference' },
          assignments: [{ assignee: { id: 'PUSER77', type: 'user_reference' } }],
        },
      },
    });
    const held = pd.incidents.at(-1);
    expect(created).toEqual({
      id: held?.id,
      incidentNumber: held?.incident_number,
      title: 'Payments timing out',
      status: 'triggered',
      urgency: 'low',
      priority: { id: 'PSO75BM', summary: 'P1' },
      service: { id: 'PWIXJZS', summary: 'Checkout API' },
      escalationPolicy: { id: 'PT20YPA', summary: 'Default' },
      assignees: [{ id: 'PUSER77', summary: 'Assigned user' }],
      incidentKey: 'payments/timeouts',
      htmlUrl: `https://acme.pagerduty.com/incidents/${held?.id}`,
      createdAt: held?.created_at,
      updatedAt: held?.updated_at,
      lastStatusChangeAt: held?.last_status_change_at,
      resolvedAt: null,
    });
    // A GET sends no From header: only writes name the acting user.
    expect(await run('incidents.get', { incidentId: String(created.id) })).toEqual(created);
    expect(lastRest()?.headers.from).toBeUndefined();

    const again = await fail('incidents.create', {
      serviceId: 'PWIXJZS',
      title: 'Twice',
      incidentKey: 'payments/timeouts',
    });
    expect(again).toMatchObject({
      status: 'failed',
      error: {
        kind: 'invalid_input',
        status: 400,
        message: expect.stringContaining("Open incident with key 'payments/timeouts'"),
      },
    });

    const acked = await run('incidents.update', {
      incidentId: String(created.id),
      status: 'acknowledged',
      urgency: 'high',
    });
    expect(lastRest()?.body).toEqual({
      incident: { type: 'incident_reference', status: 'acknowledged', urgency: 'high' },
    });
    expect(acked).toMatchObject({ status: 'acknowledged', urgency: 'high' });
    const open = await run('incidents.list', {
      statuses: ['acknowledged'],
      urgencies: ['high'],
      serviceIds: ['PWIXJZS'],
    });
    expect(lastRest()?.query.getAll('statuses[]')).toEqual(['acknowledged']);
    expect(lastRest()?.query.get('total')).toBe('true');
    expect((open.incidents as Out[]).map((i) => i.id)).toEqual([created.id]);
  });

  it('pages with offset and limit until more is false', async () => {
    for (let n = 1; n <= 5; n++)
      pd.addIncident({
        title: `Paged ${n}`,
        service: { id: 'PSERV02', type: 'service_reference', summary: 'Database' },
      });
    const first = await run('incidents.list', { serviceIds: ['PSERV02'], sortBy: 'incident_number:asc', limit: 4 });
    const total = pd.incidents.filter((i) => (i.service as Out).id === 'PSERV02').length;
    expect(first).toMatchObject({ total, nextOffset: 4 });
    const rest = await run('incidents.list', {
      serviceIds: ['PSERV02'],
      sortBy: 'incident_number:asc',
      limit: 4,
      offset: 4,
    });
    expect(lastRest()?.query.get('offset')).toBe('4');
    expect((rest.incidents as Out[]).length).toBe(total - 4);
    expect(rest.nextOffset).toBeNull();
  });

  it('adds and lists notes, and resolves with a resolution note', async () => {
    const incident = pd.addIncident({ title: 'Queue backlog' });
    const note = await run('incidents.notes.create', { incidentId: String(incident.id), content: 'Scaling workers' });
    expect(lastRest()).toMatchObject({
      path: `/incidents/${incident.id}/notes`,
      body: { note: { content: 'Scaling workers' } },
    });
    expect(note).toEqual({
      id: expect.any(String),
      content: 'Scaling workers',
      user: { id: 'PXPGF42', summary: 'Ada Lovelace' },
      createdAt: expect.stringMatching(/^2026-03-02T/),
    });
    await run('incidents.update', {
      incidentId: String(incident.id),
      status: 'resolved',
      resolution: 'Workers scaled to 12',
    });
    const listed = await run('incidents.notes.list', { incidentId: String(incident.id) });
    expect((listed.notes as Out[]).map((n) => n.content)).toEqual(['Scaling workers', 'Workers scaled to 12']);
    expect(await fail('incidents.update', { incidentId: String(incident.id), status: 'acknowledged' })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('Incident Already Resolved') },
    });
  });
});

describe('trigger', () => {
  it('emits each new incident once, oldest first, after the first poll records what exists', async () => {
    const first = await connector.poll('incidents.new', { urgencies: ['high'] }, { auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });
    expect(lastRest()?.query.get('sort_by')).toBe('created_at:desc');
    pd.addIncident({ title: 'New A' });
    pd.addIncident({ title: 'New B' });
    pd.addIncident({ title: 'Low one', urgency: 'low' });
    const second = await connector.poll('incidents.new', { urgencies: ['high'] }, { auth, state: first.state });
    expect((second.items as Out[]).map((i) => i.title)).toEqual(['New A', 'New B']);
    const third = await connector.poll('incidents.new', { urgencies: ['high'] }, { auth, state: second.state });
    expect(third.items).toEqual([]);
  });
});

describe('connection and failures', () => {
  it('sends an OAuth token as Bearer, without From', async () => {
    const oauth = { apiToken: OAUTH_TOKEN, tokenType: 'oauth', apiUrl: pd.rest.url };
    await run('incidents.notes.create', { incidentId: 'PT4KHLK', content: 'via OAuth' }, oauth);
    expect(lastRest()?.headers.authorization).toBe(`Bearer ${OAUTH_TOKEN}`);
    expect(lastRest()?.headers.from).toBeUndefined();
  });

  it('classifies 401, 404, a missing From and 429 with RateLimit-Reset', async () => {
    expect(await fail('incidents.get', { incidentId: 'PT4KHLK' }, { ...auth, apiToken: 'wrong' })).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', status: 401, message: expect.stringContaining('Authentication Failed') },
    });
    expect(await fail('incidents.get', { incidentId: 'PNOSUCH' })).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', status: 404, message: expect.stringContaining('Incident Not Found') },
    });
    const { from: _from, ...noFrom } = auth;
    expect(await fail('incidents.notes.create', { incidentId: 'PT4KHLK', content: 'x' }, noFrom)).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', status: 400, hint: expect.stringContaining('from') },
    });
    // The HTTP helper tries a 429 three times with backoff; when it persists, the step fails with
    // PagerDuty's RateLimit-Reset as retryAfter, for the runtime to wait out.
    const limited = {
      status: 429,
      headers: { 'ratelimit-limit': '960', 'ratelimit-remaining': '0', 'ratelimit-reset': '45' },
      body: { error: { message: 'Rate Limit Exceeded', code: 2020 } },
    };
    for (let n = 0; n < 3; n++) pd.rest.answerNext('GET', '/incidents/:id', limited);
    const before = pd.rest.requests.length;
    expect(await fail('incidents.get', { incidentId: 'PT4KHLK' })).toMatchObject({
      status: 'failed',
      error: {
        kind: 'rate_limit',
        status: 429,
        retryAfter: 45,
        message: expect.stringContaining('Rate Limit Exceeded'),
      },
    });
    expect(pd.rest.requests.length - before).toBe(3);
  });

  it('says a REST action needs an apiToken when the connection has only a routing key', async () => {
    const eventsOnly = { routingKey: ROUTING_KEY, eventsUrl: pd.events.url };
    expect(await fail('incidents.list', {}, eventsOnly)).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('no apiToken') },
    });
  });
});
