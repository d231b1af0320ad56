/**
 * A loopback Zendesk Support account for the conformance tests, answering the request and response shapes
 * of Zendesk's API reference:
 *
 * - https://developer.zendesk.com/api-reference/ticketing/tickets/tickets/ — POST /api/v2/tickets.json (201,
 *   `comment` required, `requester: { email, name }` creates the user), GET and PUT /api/v2/tickets/{id}.json
 *   (`additional_tags`, `remove_tags`; a `comment` adds a comment and the answer carries its `audit`).
 * - https://developer.zendesk.com/api-reference/ticketing/ticket-management/search/ — GET /api/v2/search.json
 *   with `query`, `sort_by`, `sort_order`, `page`, `per_page` ≤ 100, at most 1000 results (422 past them).
 * - https://developer.zendesk.com/api-reference/ticketing/users/users/ — POST /api/v2/users.json (201; a taken
 *   email is 422 RecordInvalid with a DuplicateValue detail), GET /api/v2/users/{id}.json, GET /api/v2/users/me.json,
 *   GET /api/v2/users/search.json (`query` or `external_id`).
 * - https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/ — GET
 *   /api/v2/incremental/tickets.json?start_time= (admins only; start_time at least a minute old), pages with
 *   `next_page`, `end_of_stream`, `end_time`.
 * - https://developer.zendesk.com/api-reference/introduction/security-and-auth/ — basic `{email}/token:{api_token}`
 *   or an OAuth bearer token; 401 `{"error":"Couldn't authenticate you"}` otherwise.
 * - https://developer.zendesk.com/api-reference/introduction/requests/ — 404 `{ error: 'RecordNotFound', description }`,
 *   429 with Retry-After.
 */
import {
  type ReferenceReply,
  type ReferenceRequest,
  type ReferenceServer,
  startReferenceServer,
} from '@mova/sdk/testing';

export const AGENT = { email: 'admin@acme.example', apiToken: 'ZdTok3nFor4dm1n', accessToken: 'oauth-zd-token' };

export interface StoredTicket {
  id: number;
  url: string;
  subject: string | null;
  description: string;
  status: string;
  priority: string | null;
  type: string | null;
  requester_id: number;
  submitter_id: number;
  assignee_id: number | null;
  group_id: number | null;
  organization_id: number | null;
  external_id: string | null;
  tags: string[];
  custom_fields: { id: number; value: unknown }[];
  created_at: string;
  updated_at: string;
  comments: { id: number; body: string; public: boolean; author_id: number }[];
}

export interface StoredUser {
  id: number;
  url: string;
  name: string;
  email: string | null;
  role: string;
  phone: string | null;
  organization_id: number | null;
  external_id: string | null;
  tags: string[];
  active: boolean;
  verified: boolean;
  suspended: boolean;
  created_at: string;
  updated_at: string;
}

export interface ZendeskReference {
  server: ReferenceServer;
  url: string;
  tickets: Map<number, StoredTicket>;
  users: Map<number, StoredUser>;
  admin: StoredUser;
  /** Tickets per incremental export page (Zendesk: 1000). */
  exportPageSize: number;
  seedTicket(fields: Partial<StoredTicket>): StoredTicket;
  touchTicket(id: number, fields: Partial<StoredTicket>): void;
  close(): Promise<void>;
}

const notFound = (): ReferenceReply => ({
  status: 404,
  body: { error: 'RecordNotFound', description: 'Not found' },
});
const invalid = (details: Record<string, { description: string; error: string }[]>): ReferenceReply => ({
  status: 422,
  body: { error: 'RecordInvalid', description: 'Record validation errors', details },
});
const PRIORITIES = [null, 'low', 'normal', 'high', 'urgent'];
const STATUSES = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
const TYPES = [null, 'problem', 'incident', 'question', 'task'];

/** `35436.json` → 35436; anything else (`abc.json`, `35436`) → undefined. */
function idOf(file: string | undefined): number | undefined {
  const match = /^(\d+)\.json$/.exec(file ?? '');
  return match ? Number(match[1]) : undefined;
}

export async function startZendesk(): Promise<ZendeskReference> {
  const tickets = new Map<number, StoredTicket>();
  const users = new Map<number, StoredUser>();
  let nextId = 1000;
  // Close to real time (the trigger asks from "now - 1 h"), one second per write so order is strict.
  let clock = Math.floor(Date.now() / 1000) * 1000 - 15 * 60_000;
  const tick = () => {
    clock += 1000;
    return new Date(clock).toISOString().replace('.000Z', 'Z');
  };

  let base = '';
  function credentialsOk(request: ReferenceRequest): boolean {
    const header = request.headers.authorization ?? '';
    if (header === `Bearer ${AGENT.accessToken}`) return true;
    if (!header.startsWith('Basic ')) return false;
    const pair = Buffer.from(header.slice(6), 'base64').toString('utf8');
    return pair === `${AGENT.email}/token:${AGENT.apiToken}`;
  }
  const server = await startReferenceServer({
    check: (request) =>
      credentialsOk(request) ? undefined : { status: 401, body: { error: "Couldn't authenticate you" } },
  });
  base = `${server.url}/api/v2`;

  function createUser(fields: Partial<StoredUser> & { name: string }): StoredUser {
    const id = nextId++;
    const now = tick();
    const user: StoredUser = {
      id,
      url: `${base}/users/${id}.json`,
      email: null,
      role: 'end-user',
      phone: null,
      organization_id: null,
      external_id: null,
      tags: [],
      active: true,
      verified: false,
      suspended: false,
      ...fields,
      created_at: now,
      updated_at: now,
    };
    users.set(id, user);
    return user;
  }
  const admin = createUser({ name: 'Acme Admin', email: AGENT.email, role: 'admin', verified: true });

  function createTicket(fields: Partial<StoredTicket>): StoredTicket {
    const id = nextId++;
    const now = tick();
    const ticket: StoredTicket = {
      id,
      url: `${base}/tickets/${id}.json`,
      subject: null,
      description: '',
      status: 'new',
      priority: null,
      type: null,
      requester_id: admin.id,
      submitter_id: admin.id,
      assignee_id: null,
      group_id: null,
      organization_id: null,
      external_id: null,
      tags: [],
      custom_fields: [],
      comments: [],
      ...fields,
      created_at: now,
      updated_at: now,
    };
    tickets.set(id, ticket);
    return ticket;
  }

  const view = ({ comments: _comments, ...ticket }: StoredTicket) => ticket;

  server.route('GET', '/api/v2/users/me.json', () => ({ body: { user: admin } }));

  server.route('POST', '/api/v2/tickets.json', ({ body }) => {
    const input = (body as { ticket?: Record<string, unknown> } | undefined)?.ticket;
    if (!input) return { status: 400, body: { error: 'InvalidEndpoint', description: 'ticket is required' } };
    const comment = input.comment as { body?: string; public?: boolean } | undefined;
    if (!comment?.body)
      return invalid({ description: [{ description: 'Description: cannot be blank', error: 'BlankValue' }] });
    const problem = checkEnums(input);
    if (problem) return problem;
    let requesterId = typeof input.requester_id === 'number' ? input.requester_id : admin.id;
    const requester = input.requester as { email?: string; name?: string } | undefined;
    if (requester?.email) {
      const known = [...users.values()].find((u) => u.email === requester.email);
      requesterId = (known ?? createUser({ name: requester.name ?? requester.email, email: requester.email })).id;
    } else if (!users.has(requesterId)) {
      return invalid({ requester: [{ description: 'Requester: is invalid', error: 'InvalidValue' }] });
    }
    const ticket = createTicket({
      subject: typeof input.subject === 'string' ? input.subject : null,
      description: comment.body,
      status: typeof input.status === 'string' ? input.status : input.assignee_id ? 'open' : 'new',
      priority: (input.priority as string | undefined) ?? null,
      type: (input.type as string | undefined) ?? null,
      requester_id: requesterId,
      assignee_id: (input.assignee_id as number | undefined) ?? null,
      group_id: (input.group_id as number | undefined) ?? null,
      external_id: (input.external_id as string | undefined) ?? null,
      tags: (input.tags as string[] | undefined) ?? [],
      custom_fields: (input.custom_fields as StoredTicket['custom_fields'] | undefined) ?? [],
    });
    ticket.comments.push({ id: nextId++, body: comment.body, public: comment.public ?? true, author_id: admin.id });
    return { status: 201, body: { ticket: view(ticket), audit: { id: nextId++, ticket_id: ticket.id, events: [] } } };
  });

  server.route('GET', '/api/v2/tickets/:file', ({ params }) => {
    const ticket = tickets.get(idOf(params.file) ?? -1);
    return ticket ? { body: { ticket: view(ticket) } } : notFound();
  });

  server.route('PUT', '/api/v2/tickets/:file', ({ params, body }) => {
    const ticket = tickets.get(idOf(params.file) ?? -1);
    if (!ticket) return notFound();
    const input = (body as { ticket?: Record<string, unknown> } | undefined)?.ticket;
    if (!input || Object.keys(input).length === 0) {
      return { status: 400, body: { error: 'InvalidEndpoint', description: 'ticket is required' } };
    }
    const problem = checkEnums(input);
    if (problem) return problem;
    if (ticket.status === 'closed') {
      return invalid({ status: [{ description: 'Status: closed prevents ticket update', error: 'InvalidValue' }] });
    }
    const events: { id: number; type: string; body?: string; public?: boolean }[] = [];
    const { comment, additional_tags, remove_tags, ...fields } = input as {
      comment?: { body?: string; public?: boolean; author_id?: number };
      additional_tags?: string[];
      remove_tags?: string[];
    } & Record<string, unknown>;
    if (comment) {
      if (!comment.body)
        return invalid({ comment: [{ description: 'Comment: cannot be blank', error: 'BlankValue' }] });
      const added = {
        id: nextId++,
        body: comment.body,
        public: comment.public ?? true,
        author_id: comment.author_id ?? admin.id,
      };
      ticket.comments.push(added);
      events.push({ id: added.id, type: 'Comment', body: added.body, public: added.public });
    }
    for (const [name, value] of Object.entries(fields)) {
      if (!(name in ticket) || name === 'id' || name === 'url') {
        continue; // Zendesk ignores fields it does not know.
      }
      Object.assign(ticket, { [name]: value });
      events.push({ id: nextId++, type: 'Change' });
    }
    if (additional_tags) ticket.tags = [...new Set([...ticket.tags, ...additional_tags])];
    if (remove_tags) ticket.tags = ticket.tags.filter((t) => !remove_tags.includes(t));
    ticket.updated_at = tick();
    return {
      body: {
        ticket: view(ticket),
        audit: { id: nextId++, ticket_id: ticket.id, created_at: ticket.updated_at, events },
      },
    };
  });

  server.route('GET', '/api/v2/search.json', ({ query }) => {
    const q = query.get('query');
    if (!q) return { status: 400, body: { error: 'unavailable', description: 'query parameter is required' } };
    const perPage = Number(query.get('per_page') ?? '100');
    const page = Number(query.get('page') ?? '1');
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100 || !Number.isInteger(page) || page < 1) {
      return { status: 400, body: { error: 'InvalidPaginationParameter', description: 'per_page must be 1 to 100' } };
    }
    if (page * perPage > 1000) {
      return { status: 422, body: { error: 'invalid', description: 'Search results are limited to 1000' } };
    }
    const terms = q.split(/\s+/).filter(Boolean);
    let found = [...tickets.values()].filter((t) => terms.every((term) => matchesTerm(t, term, users)));
    const sortBy = query.get('sort_by');
    if (sortBy) {
      const key = sortBy === 'ticket_type' ? 'type' : sortBy;
      const rank = (t: StoredTicket) =>
        key === 'priority'
          ? PRIORITIES.indexOf(t.priority)
          : key === 'status'
            ? STATUSES.indexOf(t.status)
            : String((t as unknown as Record<string, unknown>)[key] ?? '');
      found = found.sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : a.id - b.id));
      if (query.get('sort_order') !== 'asc') found.reverse();
    }
    const slice = found.slice((page - 1) * perPage, page * perPage);
    const more = page * perPage < found.length;
    const pageUrl = (n: number) => `${base}/search.json?page=${n}&per_page=${perPage}&query=${encodeURIComponent(q)}`;
    return {
      body: {
        results: slice.map((t) => ({ ...view(t), result_type: 'ticket' })),
        facets: null,
        next_page: more ? pageUrl(page + 1) : null,
        previous_page: page > 1 ? pageUrl(page - 1) : null,
        count: found.length,
      },
    };
  });

  server.route('POST', '/api/v2/users.json', ({ body }) => {
    const input = (body as { user?: Partial<StoredUser> } | undefined)?.user;
    if (!input?.name)
      return invalid({ name: [{ description: 'Name: is too short (minimum one character)', error: 'InvalidValue' }] });
    if (input.role && !['end-user', 'agent', 'admin'].includes(input.role)) {
      return invalid({ role: [{ description: 'Role: is invalid', error: 'InvalidValue' }] });
    }
    if (input.email && [...users.values()].some((u) => u.email === input.email)) {
      return invalid({
        email: [
          { description: `Email: ${input.email} is already being used by another user`, error: 'DuplicateValue' },
        ],
      });
    }
    return { status: 201, body: { user: createUser({ ...input, name: input.name }) } };
  });

  server.route('GET', '/api/v2/users/search.json', ({ query }) => {
    const q = query.get('query');
    const externalId = query.get('external_id');
    if (!q && !externalId)
      return { status: 400, body: { error: 'InvalidSearch', description: 'query or external_id is required' } };
    const perPage = Number(query.get('per_page') ?? '100');
    const page = Number(query.get('page') ?? '1');
    if (perPage > 100)
      return { status: 400, body: { error: 'InvalidPaginationParameter', description: 'per_page must be 1 to 100' } };
    const found = [...users.values()].filter((u) =>
      externalId
        ? u.external_id === externalId
        : [u.name, u.email, u.phone].some((v) => v?.toLowerCase().includes((q ?? '').toLowerCase())),
    );
    const slice = found.slice((page - 1) * perPage, page * perPage);
    return {
      body: {
        users: slice,
        next_page: page * perPage < found.length ? `${base}/users/search.json?page=${page + 1}` : null,
        previous_page: null,
        count: found.length,
      },
    };
  });

  server.route('GET', '/api/v2/users/:file', ({ params }) => {
    const user = users.get(idOf(params.file) ?? -1);
    return user ? { body: { user } } : notFound();
  });

  const reference: ZendeskReference = {
    server,
    url: server.url,
    tickets,
    users,
    admin,
    exportPageSize: 1000,
    seedTicket: createTicket,
    touchTicket(id, fields) {
      const ticket = tickets.get(id);
      if (!ticket) throw new Error(`no ticket ${id}`);
      Object.assign(ticket, fields, { updated_at: tick() });
    },
    close: () => server.close(),
  };

  server.route('GET', '/api/v2/incremental/tickets.json', ({ query }) => {
    const start = query.get('start_time');
    if (!start || !/^\d+$/.test(start)) {
      return {
        status: 400,
        body: { error: 'InvalidValue', description: 'start_time is required (Unix epoch seconds)' },
      };
    }
    const startTime = Number(start);
    if (startTime > Date.now() / 1000 - 60) {
      return {
        status: 400,
        body: { error: 'InvalidValue', description: 'Too recent start_time. Use a start_time older than 1 minute' },
      };
    }
    const changed = [...tickets.values()]
      .filter((t) => Date.parse(t.updated_at) / 1000 >= startTime)
      .sort((a, b) => Date.parse(a.updated_at) - Date.parse(b.updated_at) || a.id - b.id);
    const page = changed.slice(0, reference.exportPageSize);
    const last = page.at(-1);
    const endTime = last ? Date.parse(last.updated_at) / 1000 : startTime;
    const endOfStream = page.length === changed.length;
    return {
      body: {
        tickets: page.map(view),
        count: page.length,
        end_time: endTime,
        // Zendesk's next page starts at the last ticket's time, so that ticket comes again: dedupe handles it.
        next_page: endOfStream ? null : `${base}/incremental/tickets.json?start_time=${endTime}`,
        end_of_stream: endOfStream,
      },
    };
  });

  return reference;
}

function checkEnums(input: Record<string, unknown>): ReferenceReply | undefined {
  const wrong = (name: string, allowed: unknown[]) =>
    name in input && !allowed.includes(input[name])
      ? invalid({ [name]: [{ description: `${name}: is invalid`, error: 'InvalidValue' }] })
      : undefined;
  return wrong('priority', PRIORITIES) ?? wrong('status', STATUSES) ?? wrong('type', TYPES);
}

/** One term of Zendesk's search syntax: `type:ticket`, `status:open`, `priority:urgent`, `tags:vip`, `requester:email`, or text. */
function matchesTerm(ticket: StoredTicket, term: string, users: Map<number, StoredUser>): boolean {
  const [key, value] = term.includes(':') ? (term.split(/:(.*)/s) as [string, string]) : ['', term];
  switch (key) {
    case 'type':
      return value === 'ticket';
    case 'status':
      return ticket.status === value;
    case 'priority':
      return ticket.priority === value;
    case 'ticket_type':
      return ticket.type === value;
    case 'tags':
      return ticket.tags.includes(value);
    case 'requester':
      return users.get(ticket.requester_id)?.email === value;
    case '':
      return `${ticket.subject ?? ''} ${ticket.description}`.toLowerCase().includes(value.toLowerCase());
    default:
      return false;
  }
}
