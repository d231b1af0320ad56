/**
 * A ServiceNow instance on loopback for the conformance tests: ServiceNow has no emulator or
 * published mock server, so this answers the request and response shapes of ServiceNow's REST API
 * reference and refuses what an instance refuses (wrong credentials, unknown tables, resolving an
 * incident without resolution code and notes). Pages each route follows
 * (https://www.servicenow.com/docs/bundle/zurich-api-reference/page/integrate/inbound-rest/concept/…):
 *   Table API  c_TableAPI.html: GET|POST /api/now/table/{table}, GET|PATCH|DELETE /api/now/table/{table}/{sys_id};
 *              sysparm_query, sysparm_limit, sysparm_offset, sysparm_fields, sysparm_display_value,
 *              sysparm_exclude_reference_link; X-Total-Count; errors { error: { message, detail }, status: "failure" }
 *   Encoded queries  …/use/common-ui-elements/reference/r_OpAvailableFiltersQueries.html (^, =, !=, LIKE,
 *              STARTSWITH, IN, ISEMPTY, ISNOTEMPTY, RELATIVEGE@unit@ago@N, ORDERBY, ORDERBYDESC, dot-walking)
 *   Attachment API  c_AttachmentAPI.html: POST /api/now/attachment/file (raw body, Content-Type),
 *              GET /api/now/attachment, GET /api/now/attachment/{sys_id}, GET /api/now/attachment/{sys_id}/file
 *   OAuth  …/administer/security/concept/c_OAuthApplications.html: POST /oauth_token.do (client_credentials)
 *   Rate limits (429, Retry-After)  …/integrate/inbound-rest/concept/inbound-REST-API-rate-limiting.html
 *   Incident data policy: resolving needs close_code and close_notes (403 "Data Policy Exception").
 */
import { createHash } from 'node:crypto';
import {
  type ReferenceReply,
  type ReferenceRequest,
  type ReferenceServer,
  startReferenceServer,
} from '@mova/sdk/testing';

export const USER = 'mova.integration';
export const PASSWORD = 'Integration#2026';
export const CLIENT_ID = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
export const CLIENT_SECRET = 'oauth-client-secret';

export type Row = Record<string, string>;

export interface StoredAttachment {
  meta: Row;
  bytes: Buffer;
}

export interface Instance extends ReferenceServer {
  tables: Map<string, Map<string, Row>>;
  attachments: Map<string, StoredAttachment>;
  /** Access tokens the instance issued. */
  tokens: Set<string>;
  /** Inserts rows as if made earlier, one second apart. */
  seed(table: string, rows: Row[]): Row[];
  reset(): void;
}

const failure = (status: number, message: string, detail: string | null = null): ReferenceReply => ({
  status,
  body: { error: { message, detail }, status: 'failure' },
});
const snTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
// Urgency × impact → priority, the out-of-box incident priority lookup.
const PRIORITY: Record<string, string> = {
  '11': '1',
  '12': '2',
  '13': '3',
  '21': '2',
  '22': '3',
  '23': '4',
  '31': '3',
  '32': '4',
  '33': '5',
};
const LABELS: Record<string, Record<string, string>> = {
  state: { '1': 'New', '2': 'In Progress', '3': 'On Hold', '6': 'Resolved', '7': 'Closed', '8': 'Canceled' },
  priority: { '1': '1 - Critical', '2': '2 - High', '3': '3 - Moderate', '4': '4 - Low', '5': '5 - Planning' },
  urgency: { '1': '1 - High', '2': '2 - Medium', '3': '3 - Low' },
  impact: { '1': '1 - High', '2': '2 - Medium', '3': '3 - Low' },
};
const REFERENCES: Record<string, string> = {
  assignment_group: 'sys_user_group',
  caller_id: 'sys_user',
  assigned_to: 'sys_user',
};

export async function startInstance(): Promise<Instance> {
  const tables = new Map<string, Map<string, Row>>();
  const attachments = new Map<string, StoredAttachment>();
  const tokens = new Set<string>();
  let counter = 0;
  let numbers = 10_000;
  let lastTime = 0;
  // Strictly later by a second per write: stored timestamps have one-second resolution.
  const tick = () => {
    lastTime = Math.max(Date.now(), lastTime + 1000);
    return lastTime;
  };
  const now = () => Math.max(Date.now(), lastTime);
  const newId = () => createHash('md5').update(`row-${++counter}`).digest('hex');
  const basic = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;

  const server = await startReferenceServer({
    check(request) {
      if (request.path === '/oauth_token.do') return undefined;
      const header = request.headers.authorization ?? '';
      const bearer = header.startsWith('Bearer ') && tokens.has(header.slice(7));
      if (header !== basic && !bearer)
        return failure(401, 'User Not Authenticated', 'Required to provide Auth information');
      return undefined;
    },
  });

  const table = (name: string) => tables.get(name);
  const reset = () => {
    tables.clear();
    attachments.clear();
    tokens.clear();
    numbers = 10_000;
    tables.set('incident', new Map());
    tables.set('change_request', new Map());
    tables.set('sys_user', new Map());
    tables.set('sys_user_group', new Map());
    insert('sys_user', { user_name: USER, name: 'MOVA Integration' }, tick());
    insert('sys_user_group', { name: 'Service Desk' }, tick());
  };

  function insert(name: string, fields: Row, at: number): Row {
    const time = snTime(at);
    const row: Row = {
      ...fields,
      sys_id: fields.sys_id ?? newId(),
      sys_created_on: time,
      sys_updated_on: time,
      sys_mod_count: '0',
      sys_created_by: USER,
      sys_updated_by: USER,
    };
    if (name === 'incident') {
      row.number = `INC00${++numbers}`;
      row.state = row.state ?? '1';
      row.urgency = row.urgency ?? '3';
      row.impact = row.impact ?? '3';
      row.priority = PRIORITY[`${row.urgency}${row.impact}`] ?? '5';
      row.active = 'true';
      row.resolved_at = '';
      row.close_code = row.close_code ?? '';
      row.close_notes = row.close_notes ?? '';
    }
    if (name === 'change_request') {
      row.number = `CHG00${++numbers}`;
      row.state = row.state ?? '-5';
    }
    table(name)?.set(row.sys_id as string, row);
    return row;
  }

  /** The incident data policy and derived fields; an error detail when the change is refused. */
  function applyRules(name: string, row: Row, at: number): string | undefined {
    if (name !== 'incident') return undefined;
    if (row.state === '6' || row.state === '7') {
      const missing = [!row.close_code && 'Resolution code', !row.close_notes && 'Resolution notes'].filter(Boolean);
      if (missing.length > 0)
        return `Data Policy Exception: \n  The following fields are mandatory: ${missing.join(', ')}\n`;
      if (!row.resolved_at) row.resolved_at = snTime(at);
    }
    row.priority = PRIORITY[`${row.urgency}${row.impact}`] ?? row.priority ?? '5';
    return undefined;
  }

  const fieldValue = (row: Row, path: string): string => {
    const [head = '', ...rest] = path.split('.');
    if (rest.length === 0) return row[head] ?? '';
    const target = REFERENCES[head];
    const referenced = target ? table(target)?.get(row[head] ?? '') : undefined;
    return referenced ? fieldValue(referenced, rest.join('.')) : '';
  };

  /** The encoded-query subset named in the header; a string when it cannot be read. */
  function runQuery(rows: Row[], query: string): Row[] | string {
    let found = rows;
    const orders: { field: string; desc: boolean }[] = [];
    for (const part of query.split('^').filter(Boolean)) {
      const order = /^ORDERBY(DESC)?(\w+)$/.exec(part);
      if (order) {
        orders.push({ field: order[2] ?? '', desc: Boolean(order[1]) });
        continue;
      }
      const relative = /^([\w.]+)RELATIVEGE@(minute|hour|dayofweek)@ago@(\d+)$/.exec(part);
      if (relative) {
        const unit = { minute: 60_000, hour: 3_600_000, dayofweek: 86_400_000 }[relative[2] as 'minute'];
        const from = snTime(now() - Number(relative[3]) * unit);
        found = found.filter((row) => fieldValue(row, relative[1] ?? '') >= from);
        continue;
      }
      const empty = /^([\w.]+)(ISEMPTY|ISNOTEMPTY)$/.exec(part);
      if (empty) {
        found = found.filter((row) => (fieldValue(row, empty[1] ?? '') === '') === (empty[2] === 'ISEMPTY'));
        continue;
      }
      const cond = /^([\w.]+?)(!=|=|LIKE|STARTSWITH|IN)(.*)$/.exec(part);
      if (!cond) return `Invalid query: ${part}`;
      const [, field = '', op, value = ''] = cond;
      found = found.filter((row) => {
        const actual = fieldValue(row, field);
        switch (op) {
          case '=':
            return actual === value;
          case '!=':
            return actual !== value;
          case 'LIKE':
            return actual.toLowerCase().includes(value.toLowerCase());
          case 'STARTSWITH':
            return actual.toLowerCase().startsWith(value.toLowerCase());
          default:
            return value.split(',').includes(actual);
        }
      });
    }
    for (const { field, desc } of orders.reverse()) {
      found = [...found].sort((a, b) => (desc ? -1 : 1) * fieldValue(a, field).localeCompare(fieldValue(b, field)));
    }
    return found;
  }

  /** A row as the Table API shapes it for the request's sysparm_fields and sysparm_display_value. */
  function shape(request: ReferenceRequest, row: Row): Record<string, unknown> {
    const fields = request.query.get('sysparm_fields')?.split(',').filter(Boolean);
    const mode = request.query.get('sysparm_display_value') ?? 'false';
    const names = fields ?? Object.keys(row);
    const out: Record<string, unknown> = {};
    for (const name of names) {
      const value = fieldValue(row, name);
      const label =
        LABELS[name]?.[value] ??
        (REFERENCES[name] ? (table(REFERENCES[name] as string)?.get(value)?.name ?? value) : value);
      const link =
        REFERENCES[name] && value && request.query.get('sysparm_exclude_reference_link') !== 'true'
          ? { link: `${server.url}/api/now/table/${REFERENCES[name]}/${value}` }
          : {};
      if (mode === 'true') out[name] = label;
      else if (mode === 'all') out[name] = { value, display_value: label, ...link };
      else out[name] = Object.keys(link).length > 0 ? { value, ...link } : value;
    }
    return out;
  }

  const fieldsOf = (body: unknown): Row | string => {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The payload is not valid JSON.';
    return Object.fromEntries(
      Object.entries(body).map(([k, v]) => [
        k,
        v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v),
      ]),
    );
  };

  server.route('POST', '/oauth_token.do', (request) => {
    const form = request.body as Record<string, string> | undefined;
    if (!String(request.headers['content-type']).includes('application/x-www-form-urlencoded')) {
      return { status: 400, body: { error_description: 'access_denied', error: 'server_error' } };
    }
    const client =
      form?.client_id === CLIENT_ID && form.client_secret === CLIENT_SECRET
        ? true
        : request.headers.authorization === `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
    if (!client || !['client_credentials', 'refresh_token'].includes(String(form?.grant_type))) {
      return { status: 401, body: { error_description: 'access_denied', error: 'server_error' } };
    }
    const token = `sn-token-${tokens.size + 1}`;
    tokens.add(token);
    return { body: { access_token: token, scope: 'useraccount', token_type: 'Bearer', expires_in: 1799 } };
  });

  server.route('GET', '/api/now/table/:table', (request) => {
    const rows = table(request.params.table ?? '');
    if (!rows) return failure(400, `Invalid table ${request.params.table}`);
    const matched = runQuery([...rows.values()], request.query.get('sysparm_query') ?? '');
    if (typeof matched === 'string') return failure(400, matched);
    const offset = Number(request.query.get('sysparm_offset') ?? '0');
    const limit = Number(request.query.get('sysparm_limit') ?? '10000');
    return {
      headers: { 'x-total-count': String(matched.length) },
      body: { result: matched.slice(offset, offset + limit).map((row) => shape(request, row)) },
    };
  });

  server.route('GET', '/api/now/table/:table/:id', (request) => {
    const rows = table(request.params.table ?? '');
    if (!rows) return failure(400, `Invalid table ${request.params.table}`);
    const row = rows.get(request.params.id ?? '');
    return row
      ? { body: { result: shape(request, row) } }
      : failure(404, 'No Record found', "Record doesn't exist or ACL restricts the record retrieval");
  });

  server.route('POST', '/api/now/table/:table', (request) => {
    const name = request.params.table ?? '';
    if (!table(name)) return failure(400, `Invalid table ${name}`);
    if (!String(request.headers['content-type']).includes('application/json'))
      return failure(415, 'Unsupported Media Type');
    const fields = fieldsOf(request.body);
    if (typeof fields === 'string') return failure(400, fields);
    const at = tick();
    const row = insert(name, fields, at);
    const refused = applyRules(name, row, at);
    if (refused) {
      table(name)?.delete(row.sys_id as string);
      return failure(403, 'Operation Failed', refused);
    }
    return { status: 201, body: { result: shape(request, row) } };
  });

  server.route('PATCH', '/api/now/table/:table/:id', (request) => {
    const name = request.params.table ?? '';
    const row = table(name)?.get(request.params.id ?? '');
    if (!table(name)) return failure(400, `Invalid table ${name}`);
    if (!row) return failure(404, 'No Record found', "Record doesn't exist or ACL restricts the record retrieval");
    const fields = fieldsOf(request.body);
    if (typeof fields === 'string') return failure(400, fields);
    const at = tick();
    const next: Row = { ...row, ...fields };
    // work_notes and comments are journal fields: written to the activity log, read back empty.
    for (const journal of ['work_notes', 'comments']) if (journal in fields) next[journal] = '';
    const refused = applyRules(name, next, at);
    if (refused) return failure(403, 'Operation Failed', refused);
    Object.assign(row, next, { sys_updated_on: snTime(at), sys_mod_count: String(Number(row.sys_mod_count) + 1) });
    return { body: { result: shape(request, row) } };
  });

  server.route('DELETE', '/api/now/table/:table/:id', (request) => {
    const rows = table(request.params.table ?? '');
    if (!rows) return failure(400, `Invalid table ${request.params.table}`);
    return rows.delete(request.params.id ?? '')
      ? { status: 204 }
      : failure(404, 'No Record found', "Record doesn't exist or ACL restricts the record retrieval");
  });

  const attachmentMeta = (meta: Row) => ({
    ...meta,
    download_link: `${server.url}/api/now/attachment/${meta.sys_id}/file`,
  });

  server.route('POST', '/api/now/attachment/file', (request) => {
    const name = request.query.get('table_name') ?? '';
    const id = request.query.get('table_sys_id') ?? '';
    const fileName = request.query.get('file_name');
    const type = request.headers['content-type'];
    if (!fileName || !type)
      return failure(400, 'Failed to create the attachment. File part might be missing in the request.');
    if (!table(name)?.has(id)) return failure(400, 'Invalid table or record', `${name}:${id}`);
    const at = tick();
    const meta: Row = {
      sys_id: newId(),
      file_name: fileName,
      content_type: type,
      size_bytes: String(request.rawBody.length),
      table_name: name,
      table_sys_id: id,
      sys_created_on: snTime(at),
      hash: createHash('sha256').update(request.rawBody).digest('hex'),
    };
    attachments.set(meta.sys_id as string, { meta, bytes: Buffer.from(request.rawBody) });
    return { status: 201, body: { result: attachmentMeta(meta) } };
  });

  server.route('GET', '/api/now/attachment', (request) => {
    const matched = runQuery(
      [...attachments.values()].map((a) => a.meta),
      request.query.get('sysparm_query') ?? '',
    );
    if (typeof matched === 'string') return failure(400, matched);
    const limit = Number(request.query.get('sysparm_limit') ?? '1000');
    return { body: { result: matched.slice(0, limit).map(attachmentMeta) } };
  });

  server.route('GET', '/api/now/attachment/:id', (request) => {
    const found = attachments.get(request.params.id ?? '');
    return found
      ? { body: { result: attachmentMeta(found.meta) } }
      : failure(404, "Record doesn't exist or ACL restricts the record retrieval");
  });

  server.route('GET', '/api/now/attachment/:id/file', (request) => {
    const found = attachments.get(request.params.id ?? '');
    if (!found) return failure(404, "Record doesn't exist or ACL restricts the record retrieval");
    return { headers: { 'content-type': found.meta.content_type as string }, body: found.bytes };
  });

  reset();
  return Object.assign(server, {
    tables,
    attachments,
    tokens,
    seed(name: string, rows: Row[]) {
      return rows.map((fields) => insert(name, fields, tick()));
    },
    reset() {
      reset();
      server.requests.length = 0;
      server.unmatched.length = 0;
    },
  });
}
