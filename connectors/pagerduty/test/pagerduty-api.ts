// PagerDuty on loopback for the conformance tests: its REST API v2 and its Events API v2, as two
// servers sharing one account. PagerDuty runs no emulator, and its OpenAPI description
// (PagerDuty/api-schema) ships in no npm package, so these answer the documented shapes:
// - REST authentication and versioning (https://developer.pagerduty.com/docs/authentication,
//   https://developer.pagerduty.com/docs/versioning): `Authorization: Token token=<key>` or
//   `Bearer <oauth token>`, `Accept: application/vnd.pagerduty+json;version=2`; 401 code 2006.
// - The From header (https://developer.pagerduty.com/api-reference/, "Update an Incident"): writes
//   with an account API key must name a user of the account by email.
// - Errors (https://developer.pagerduty.com/docs/errors): `{ error: { message, code, errors } }`,
//   2001 Invalid Input Provided, 2100 Not Found, 429 when rate limited.
// - Pagination (https://developer.pagerduty.com/docs/pagination): classic `limit`/`offset` with
//   `more`, and `total` only when `total=true`.
// - Incidents (https://developer.pagerduty.com/api-reference/9d0b4b12e36f9-list-incidents and the
//   Get, Create and Update an Incident pages): GET /incidents (statuses[], urgencies[], service_ids[],
//   team_ids[], user_ids[], since, until, sort_by), GET|PUT /incidents/{id}, POST /incidents
//   (incident_key de-duplicates open incidents).
// - Notes (https://developer.pagerduty.com/api-reference/ "List notes for an incident", "Create a
//   note on an incident"): GET|POST /incidents/{id}/notes.
// - Abilities (https://developer.pagerduty.com/api-reference/ "List abilities"): GET /abilities.
// - Events API v2 (https://developer.pagerduty.com/docs/send-alert-event,
//   https://developer.pagerduty.com/docs/send-an-event-events-api-v2): POST /v2/enqueue with
//   routing_key, event_action (trigger, acknowledge, resolve), dedup_key, payload (summary, source,
//   severity required for trigger); answers 202 `{ status: "success", message: "Event processed",
//   dedup_key }`, 400 `{ status: "invalid event", message: "Event object is invalid", errors }`.
import {
  type ReferenceReply,
  type ReferenceRequest,
  type ReferenceServer,
  startReferenceServer,
} from '@mova/sdk/testing';

export const API_KEY = 'u+reference-api-key-00001';
export const OAUTH_TOKEN = 'pdus+reference-oauth-token';
export const FROM = 'ada@example.com';
export const ROUTING_KEY = 'R0UT1NGK3Y0000000000000000000001';

type Json = Record<string, unknown>;

export interface PagerdutyReference {
  rest: ReferenceServer;
  events: ReferenceServer;
  incidents: Json[];
  notes: Map<string, Json[]>;
  /** Events the Events API accepted, as received. */
  received: Json[];
  addIncident(fields: Json): Json;
  close(): Promise<void>;
}

const USER = { id: 'PXPGF42', type: 'user_reference', summary: 'Ada Lovelace', email: FROM };
const SERVICES: Record<string, Json> = {
  PWIXJZS: { id: 'PWIXJZS', type: 'service_reference', summary: 'Checkout API' },
  PSERV02: { id: 'PSERV02', type: 'service_reference', summary: 'Database' },
};
const ROUTES: Record<string, string> = { [ROUTING_KEY]: 'PSERV02' };
const POLICY = { id: 'PT20YPA', type: 'escalation_policy_reference', summary: 'Default' };
const PRIORITIES: Record<string, Json> = {
  PSO75BM: { id: 'PSO75BM', type: 'priority', summary: 'P1' },
  P0NEUQP: { id: 'P0NEUQP', type: 'priority', summary: 'P2' },
};

const fail = (status: number, message: string, code: number, errors?: string[]): ReferenceReply => ({
  status,
  body: { error: { message, code, ...(errors ? { errors } : {}) } },
});

export async function startPagerduty(): Promise<PagerdutyReference> {
  const incidents: Json[] = [];
  const notes = new Map<string, Json[]>();
  const received: Json[] = [];
  let clock = Date.parse('2026-03-02T08:00:00Z');
  let counter = 0;
  const now = () => {
    clock += 60_000;
    return new Date(clock).toISOString().replace('.000Z', 'Z');
  };
  const nextId = () => `Q${(++counter).toString(36).toUpperCase().padStart(6, '0')}`;

  const rest = await startReferenceServer({ check: authenticate });
  const events = await startReferenceServer();

  function addIncident(fields: Json): Json {
    const created = now();
    const id = nextId();
    const incident: Json = {
      id,
      type: 'incident',
      summary: '',
      self: `${rest.url}/incidents/${id}`,
      html_url: `https://acme.pagerduty.com/incidents/${id}`,
      incident_number: incidents.length + 1,
      title: '',
      created_at: created,
      updated_at: created,
      status: 'triggered',
      incident_key: null,
      service: SERVICES.PWIXJZS,
      assignments: [{ at: created, assignee: USER }],
      acknowledgements: [],
      last_status_change_at: created,
      escalation_policy: POLICY,
      teams: [],
      urgency: 'high',
      priority: null,
      resolved_at: null,
      ...fields,
    };
    incident.summary = `[#${incident.incident_number}] ${incident.title}`;
    incidents.push(incident);
    return incident;
  }

  const body = (request: ReferenceRequest): Json => {
    const value = request.body;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value))
      : {};
  };
  const fieldsOf = (value: unknown): Json =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value))
      : {};
  /** Writes with an account API key must say who acts (From); a user's OAuth token acts as that user. */
  const requester = (request: ReferenceRequest): ReferenceReply | undefined => {
    if (request.headers.authorization?.startsWith('Bearer ')) return undefined;
    const from = request.headers.from;
    if (!from) return fail(400, "The action requires a 'from' header to be specified", 2011);
    if (from !== FROM) return fail(400, 'Invalid Input Provided', 2001, ['Requester User Not Found']);
    return undefined;
  };
  const find = (id: string | undefined) => incidents.find((i) => i.id === id);

  rest.route('GET', '/abilities', () => ({ body: { abilities: ['teams', 'urgencies', 'read_only_users'] } }));

  rest.route('GET', '/incidents', (request) => {
    const q = request.query;
    const limit = Number(q.get('limit') ?? 25);
    const offset = Number(q.get('offset') ?? 0);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100 || !Number.isInteger(offset) || offset < 0) {
      return fail(400, 'Invalid Input Provided', 2001, ['Limit must be between 1 and 100']);
    }
    const statuses = q.getAll('statuses[]');
    if (statuses.some((s) => !['triggered', 'acknowledged', 'resolved'].includes(s))) {
      return fail(400, 'Invalid Input Provided', 2001, [
        'Statuses must be a list of triggered, acknowledged, or resolved.',
      ]);
    }
    const urgencies = q.getAll('urgencies[]');
    const services = q.getAll('service_ids[]');
    const users = q.getAll('user_ids[]');
    const since = q.get('since');
    const until = q.get('until');
    const [sortField = 'created_at', direction = 'asc'] = (q.get('sort_by') ?? 'created_at:asc').split(':');
    if (!['created_at', 'incident_number', 'urgency', 'resolved_at'].includes(sortField)) {
      return fail(400, 'Invalid Input Provided', 2001, ['Sort by is invalid']);
    }
    const list = incidents
      .filter((i) => statuses.length === 0 || statuses.includes(String(i.status)))
      .filter((i) => urgencies.length === 0 || urgencies.includes(String(i.urgency)))
      .filter((i) => services.length === 0 || services.includes(String(fieldsOf(i.service).id)))
      .filter(
        (i) =>
          users.length === 0 ||
          (Array.isArray(i.assignments) &&
            i.assignments.some((a) => users.includes(String(fieldsOf(fieldsOf(a).assignee).id)))),
      )
      .filter((i) => !since || Date.parse(String(i.created_at)) >= Date.parse(since))
      .filter((i) => !until || Date.parse(String(i.created_at)) < Date.parse(until))
      .sort((a, b) => {
        const order =
          String(a[sortField] ?? '').localeCompare(String(b[sortField] ?? '')) ||
          Number(a.incident_number) - Number(b.incident_number);
        return direction === 'desc' ? -order : order;
      });
    return {
      body: {
        incidents: list.slice(offset, offset + limit),
        limit,
        offset,
        total: q.get('total') === 'true' ? list.length : null,
        more: offset + limit < list.length,
      },
    };
  });

  rest.route('GET', '/incidents/:id', (request) => {
    const incident = find(request.params.id);
    return incident ? { body: { incident } } : fail(404, 'Incident Not Found', 2100);
  });

  rest.route('POST', '/incidents', (request) => {
    const refused = requester(request);
    if (refused) return refused;
    const incident = fieldsOf(body(request).incident);
    const service = fieldsOf(incident.service);
    const errors = [
      ...(incident.type === 'incident' ? [] : ["Incident type must be 'incident'"]),
      ...(typeof incident.title === 'string' && incident.title ? [] : ['Title cannot be empty.']),
      ...(service.type === 'service_reference' && typeof service.id === 'string' ? [] : ['Service is required.']),
    ];
    if (errors.length > 0) return fail(400, 'Invalid Input Provided', 2001, errors);
    const known = SERVICES[String(service.id)];
    if (!known) return fail(400, 'Invalid Input Provided', 2001, ['Service not found']);
    if (
      incident.incident_key &&
      incidents.some((i) => i.incident_key === incident.incident_key && i.status !== 'resolved')
    ) {
      return fail(400, 'Invalid Input Provided', 2001, [
        `Open incident with key '${String(incident.incident_key)}' already exists`,
      ]);
    }
    const priority = incident.priority ? PRIORITIES[String(fieldsOf(incident.priority).id)] : null;
    const created = addIncident({
      title: incident.title,
      service: known,
      urgency: incident.urgency ?? 'high',
      incident_key: incident.incident_key ?? null,
      priority: priority ?? null,
      body: incident.body ?? null,
      ...(Array.isArray(incident.assignments)
        ? {
            assignments: incident.assignments.map((a) => ({
              at: new Date(clock).toISOString(),
              assignee: { ...fieldsOf(fieldsOf(a).assignee), summary: 'Assigned user' },
            })),
          }
        : {}),
    });
    return { status: 201, body: { incident: created } };
  });

  rest.route('PUT', '/incidents/:id', (request) => {
    const refused = requester(request);
    if (refused) return refused;
    const incident = find(request.params.id);
    if (!incident) return fail(404, 'Incident Not Found', 2100);
    const change = fieldsOf(body(request).incident);
    if (change.type !== 'incident_reference' && change.type !== 'incident') {
      return fail(400, 'Invalid Input Provided', 2001, ["Incident type must be 'incident' or 'incident_reference'"]);
    }
    if (change.status !== undefined) {
      if (!['acknowledged', 'resolved'].includes(String(change.status))) {
        return fail(400, 'Invalid Input Provided', 2001, ['Status must be acknowledged or resolved']);
      }
      if (incident.status === 'resolved')
        return fail(400, 'Invalid Input Provided', 2001, ['Incident Already Resolved']);
      incident.status = change.status;
      incident.last_status_change_at = now();
      if (change.status === 'resolved') incident.resolved_at = incident.last_status_change_at;
      if (typeof change.resolution === 'string') {
        const list = notes.get(String(incident.id)) ?? [];
        list.push({
          id: nextId(),
          user: USER,
          content: change.resolution,
          created_at: now(),
          channel: { summary: 'The PagerDuty website or APIs' },
        });
        notes.set(String(incident.id), list);
      }
    }
    for (const field of ['title', 'urgency', 'escalation_level']) if (field in change) incident[field] = change[field];
    if (change.priority) incident.priority = PRIORITIES[String(fieldsOf(change.priority).id)] ?? null;
    if (Array.isArray(change.assignments)) {
      incident.assignments = change.assignments.map((a) => ({
        at: now(),
        assignee: { ...fieldsOf(fieldsOf(a).assignee), summary: 'Assigned user' },
      }));
    }
    incident.summary = `[#${incident.incident_number}] ${incident.title}`;
    incident.updated_at = now();
    return { body: { incident } };
  });

  rest.route('GET', '/incidents/:id/notes', (request) => {
    if (!find(request.params.id)) return fail(404, 'Incident Not Found', 2100);
    return { body: { notes: notes.get(request.params.id ?? '') ?? [] } };
  });
  rest.route('POST', '/incidents/:id/notes', (request) => {
    const refused = requester(request);
    if (refused) return refused;
    if (!find(request.params.id)) return fail(404, 'Incident Not Found', 2100);
    const note = fieldsOf(body(request).note);
    if (typeof note.content !== 'string' || !note.content)
      return fail(400, 'Invalid Input Provided', 2001, ['Content cannot be empty.']);
    const created = {
      id: nextId(),
      user: USER,
      content: note.content,
      created_at: now(),
      channel: { summary: 'The PagerDuty website or APIs' },
    };
    const list = notes.get(request.params.id ?? '') ?? [];
    list.push(created);
    notes.set(request.params.id ?? '', list);
    return { status: 201, body: { note: created } };
  });

  const invalidEvent = (...errors: string[]): ReferenceReply => ({
    status: 400,
    body: { status: 'invalid event', message: 'Event object is invalid', errors },
  });
  events.route('POST', '/v2/enqueue', (request) => {
    if (!String(request.headers['content-type']).includes('application/json'))
      return invalidEvent('Content-Type must be application/json');
    const event = body(request);
    const service = ROUTES[String(event.routing_key)];
    if (!service) return invalidEvent("'routing_key' is invalid");
    const action = String(event.event_action);
    if (!['trigger', 'acknowledge', 'resolve'].includes(action)) return invalidEvent("'event_action' is invalid");
    let dedupKey = typeof event.dedup_key === 'string' ? event.dedup_key : undefined;
    if (action === 'trigger') {
      const payload = fieldsOf(event.payload);
      const errors = [
        ...(typeof payload.summary === 'string' && payload.summary ? [] : ["'payload.summary' is missing or blank"]),
        ...(typeof payload.source === 'string' && payload.source ? [] : ["'payload.source' is missing or blank"]),
        ...(['critical', 'error', 'warning', 'info'].includes(String(payload.severity))
          ? []
          : ["'payload.severity' is invalid"]),
      ];
      if (errors.length > 0) return invalidEvent(...errors);
      dedupKey ??= `srv-${service}-${(++counter).toString(16).padStart(8, '0')}`;
      const open = incidents.find((i) => i.incident_key === dedupKey && i.status !== 'resolved');
      if (!open) {
        addIncident({
          title: payload.summary,
          service: SERVICES[service],
          incident_key: dedupKey,
          urgency: ['critical', 'error'].includes(String(payload.severity)) ? 'high' : 'low',
        });
      }
    } else {
      if (!dedupKey) return invalidEvent("'dedup_key' is missing or blank");
      const open = incidents.find((i) => i.incident_key === dedupKey && i.status !== 'resolved');
      if (open) {
        open.status = action === 'acknowledge' ? 'acknowledged' : 'resolved';
        open.last_status_change_at = now();
        if (action === 'resolve') open.resolved_at = open.last_status_change_at;
      }
    }
    received.push(event);
    return { status: 202, body: { status: 'success', message: 'Event processed', dedup_key: dedupKey } };
  });

  return {
    rest,
    events,
    incidents,
    notes,
    received,
    addIncident,
    close: async () => {
      await rest.close();
      await events.close();
    },
  };
}

/** `Token token=<key>` or an OAuth `Bearer` token, and the version 2 media type. */
function authenticate(request: ReferenceRequest): ReferenceReply | undefined {
  const authorization = request.headers.authorization;
  if (authorization !== `Token token=${API_KEY}` && authorization !== `Bearer ${OAUTH_TOKEN}`) {
    return fail(401, 'Authentication Failed', 2006);
  }
  if (request.headers.accept !== 'application/vnd.pagerduty+json;version=2') {
    return fail(400, 'Invalid Input Provided', 2001, ['Accept must be application/vnd.pagerduty+json;version=2']);
  }
  if (
    ['POST', 'PUT'].includes(request.method) &&
    !String(request.headers['content-type']).includes('application/json')
  ) {
    return fail(400, 'Invalid Input Provided', 2001, ['Content-Type must be application/json']);
  }
  return undefined;
}
