/**
 * A loopback Airtable for the conformance tests, answering the request and response shapes of Airtable's
 * Web API reference (airtable.com/developers/web/api/…):
 *
 * - list-records: GET /v0/{baseId}/{table} with filterByFormula, view, fields[], sort[i][field|direction],
 *   maxRecords, pageSize ≤ 100 and `offset` paging; get-record: GET /v0/{baseId}/{table}/{recordId}.
 * - create-records, update-multiple-records (PATCH, PUT clears unset cells; `performUpsert.fieldsToMergeOn`
 *   answers createdRecords/updatedRecords), delete-multiple-records (DELETE ?records[]=…): at most 10 records
 *   per request, cell values checked against the field types unless `typecast`.
 * - list-bases (GET /v0/meta/bases, `offset` paging), get-base-schema (GET /v0/meta/bases/{baseId}/tables),
 *   get-user-id-scopes (GET /v0/meta/whoami).
 * - errors: `{ error: { type, message } }` (AUTHENTICATION_REQUIRED 401, INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND
 *   403, NOT_FOUND 404, INVALID_REQUEST_UNKNOWN / INVALID_RECORDS / UNKNOWN_FIELD_NAME / INVALID_VALUE_FOR_COLUMN /
 *   INVALID_FILTER_BY_FORMULA 422, 429 with no Retry-After ("wait 30 seconds")).
 */
import {
  type ReferenceReply,
  type ReferenceRequest,
  type ReferenceServer,
  startReferenceServer,
} from '@mova/sdk/testing';
import { compileFormula, FormulaError } from './formula.js';

export const TOKEN = 'patAbCdEfGhIjKlMn.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
export const BASE = 'appA1b2C3d4E5f6G7';

interface Field {
  id: string;
  name: string;
  type: 'singleLineText' | 'singleSelect' | 'number' | 'email';
  options?: string[];
}
interface Table {
  id: string;
  name: string;
  fields: Field[];
  views: { id: string; name: string; type: string; filter?: (r: StoredRecord) => boolean }[];
  records: Map<string, StoredRecord>;
}
export interface StoredRecord {
  id: string;
  createdTime: string;
  fields: Record<string, unknown>;
}

export interface AirtableReference {
  server: ReferenceServer;
  url: string;
  tasks: Map<string, StoredRecord>;
  contacts: Map<string, StoredRecord>;
  basesPageSize: number;
  /** Most records the reference puts in one page, below what was asked (Airtable: pageSize, at most 100). */
  recordsPageCap: number;
  seed(table: 'Tasks' | 'Contacts', fields: Record<string, unknown>): StoredRecord;
  close(): Promise<void>;
}

const fail = (status: number, type: string, message: string): ReferenceReply => ({
  status,
  body: { error: { type, message } },
});
const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(14, '0')}`;

export async function startAirtable(): Promise<AirtableReference> {
  let counter = 1;
  let clock = Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000;
  const tick = () => {
    clock += 1000;
    return new Date(clock).toISOString();
  };
  const status: Field = {
    id: 'fldStatus0000001',
    name: 'Status',
    type: 'singleSelect',
    options: ['Todo', 'Doing', 'Done'],
  };
  const tables: Table[] = [
    {
      id: 'tblTasks00000001',
      name: 'Tasks',
      fields: [
        { id: 'fldName000000001', name: 'Name', type: 'singleLineText' },
        status,
        { id: 'fldEstimate00001', name: 'Estimate', type: 'number' },
      ],
      views: [
        { id: 'viwGrid000000001', name: 'Grid view', type: 'grid' },
        { id: 'viwOpen000000001', name: 'Open', type: 'grid', filter: (r) => r.fields.Status !== 'Done' },
      ],
      records: new Map(),
    },
    {
      id: 'tblContacts00001',
      name: 'Contacts',
      fields: [
        { id: 'fldCName00000001', name: 'Name', type: 'singleLineText' },
        { id: 'fldCEmail0000001', name: 'Email', type: 'email' },
      ],
      views: [{ id: 'viwCGrid00000001', name: 'Grid view', type: 'grid' }],
      records: new Map(),
    },
  ];
  const bases = [
    { id: BASE, name: 'Operations', permissionLevel: 'create' },
    { id: 'appZ9y8X7w6V5u4T3', name: 'Marketing', permissionLevel: 'read' },
    { id: 'appQ1q2Q3q4Q5q6Q7', name: 'Hiring', permissionLevel: 'edit' },
  ];

  const server = await startReferenceServer({
    check: (request) =>
      request.headers.authorization === `Bearer ${TOKEN}`
        ? undefined
        : fail(401, 'AUTHENTICATION_REQUIRED', 'Authentication required'),
  });

  const tableOf = (request: ReferenceRequest): Table | ReferenceReply => {
    const table =
      request.params.base === BASE
        ? tables.find((t) => t.id === request.params.table || t.name === request.params.table)
        : undefined;
    return (
      table ??
      fail(
        403,
        'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
        'Invalid permissions, or the requested model was not found. Check that both your user and your token have the required permissions, and that the model names and/or ids are correct.',
      )
    );
  };
  const isTable = (t: Table | ReferenceReply): t is Table => 'records' in t;

  /** Checks and converts cell values as Airtable does; a reply when it refuses them. */
  function cells(table: Table, values: unknown, typecast: boolean): Record<string, unknown> | ReferenceReply {
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      return fail(422, 'INVALID_REQUEST_MISSING_FIELDS', 'Could not find field "fields" in the request body');
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values)) {
      const field = table.fields.find((f) => f.name === key || f.id === key);
      if (!field) return fail(422, 'UNKNOWN_FIELD_NAME', `Unknown field name: "${key}"`);
      let cell = value;
      if (field.type === 'number' && typeof cell !== 'number' && cell !== null) {
        if (!typecast || Number.isNaN(Number(cell))) {
          return fail(422, 'INVALID_VALUE_FOR_COLUMN', `Field "${field.name}" cannot accept the provided value`);
        }
        cell = Number(cell);
      }
      if (field.type === 'singleSelect' && cell !== null) {
        if (typeof cell !== 'string')
          return fail(422, 'INVALID_VALUE_FOR_COLUMN', `Field "${field.name}" cannot accept the provided value`);
        if (!field.options?.includes(cell)) {
          if (!typecast)
            return fail(
              422,
              'INVALID_MULTIPLE_CHOICE_OPTIONS',
              `Insufficient permissions to create new select option ""${cell}""`,
            );
          field.options?.push(cell);
        }
      }
      if ((field.type === 'singleLineText' || field.type === 'email') && cell !== null && typeof cell !== 'string') {
        return fail(422, 'INVALID_VALUE_FOR_COLUMN', `Field "${field.name}" cannot accept the provided value`);
      }
      out[field.name] = cell;
    }
    return out;
  }
  const isReply = (value: unknown): value is ReferenceReply =>
    typeof value === 'object' &&
    value !== null &&
    'status' in value &&
    'body' in value &&
    typeof (value as { status: unknown }).status === 'number';
  const view = (r: StoredRecord) => ({
    id: r.id,
    createdTime: r.createdTime,
    fields: Object.fromEntries(Object.entries(r.fields).filter(([, v]) => v !== null && v !== '' && v !== false)),
  });
  function create(table: Table, fields: Record<string, unknown>): StoredRecord {
    const record = { id: id('rec', counter++), createdTime: tick(), fields };
    table.records.set(record.id, record);
    return record;
  }
  const batchOf = (body: unknown): unknown[] | ReferenceReply => {
    const records = (body as { records?: unknown } | undefined)?.records;
    if (!Array.isArray(records) || records.length === 0)
      return fail(422, 'INVALID_REQUEST_MISSING_FIELDS', 'Could not find field "records" in the request body');
    if (records.length > 10)
      return fail(422, 'INVALID_RECORDS', 'You can create or update up to 10 records per request');
    return records;
  };

  server.route('GET', '/v0/meta/whoami', () => ({
    body: { id: 'usrA1b2C3d4E5f6G7', scopes: ['data.records:read', 'data.records:write', 'schema.bases:read'] },
  }));

  const reference: AirtableReference = {
    server,
    url: `${server.url}/v0`,
    tasks: (tables[0] as Table).records,
    contacts: (tables[1] as Table).records,
    basesPageSize: 2,
    recordsPageCap: 100,
    seed: (name, fields) => create(tables.find((t) => t.name === name) as Table, fields),
    close: () => server.close(),
  };

  server.route('GET', '/v0/meta/bases', ({ query }) => {
    const start = Number(query.get('offset') ?? '0');
    const page = bases.slice(start, start + reference.basesPageSize);
    const end = start + page.length;
    return { body: { bases: page, ...(end < bases.length ? { offset: String(end) } : {}) } };
  });
  server.route('GET', '/v0/meta/bases/:base/tables', ({ params }) =>
    params.base === BASE
      ? {
          body: {
            tables: tables.map((t) => ({
              id: t.id,
              name: t.name,
              primaryFieldId: t.fields[0]?.id,
              fields: t.fields.map(({ id: fieldId, name, type, options }) => ({
                id: fieldId,
                name,
                type,
                ...(options ? { options: { choices: options.map((o) => ({ name: o })) } } : {}),
              })),
              views: t.views.map(({ id: viewId, name, type }) => ({ id: viewId, name, type })),
            })),
          },
        }
      : fail(
          403,
          'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
          'Invalid permissions, or the requested model was not found.',
        ),
  );

  server.route('GET', '/v0/:base/:table', (request) => {
    const table = tableOf(request);
    if (!isTable(table)) return table;
    const q = request.query;
    const pageSize = Number(q.get('pageSize') ?? '100');
    const maxRecords = q.has('maxRecords') ? Number(q.get('maxRecords')) : Number.POSITIVE_INFINITY;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)
      return fail(
        422,
        'INVALID_REQUEST_UNKNOWN',
        'Invalid request: parameter validation failed. Check your request data.',
      );
    let rows = [...table.records.values()];
    const viewName = q.get('view');
    if (viewName) {
      const v = table.views.find((x) => x.name === viewName || x.id === viewName);
      if (!v) return fail(422, 'VIEW_NAME_NOT_FOUND', `Could not find view ${viewName} in table ${table.name}`);
      if (v.filter) rows = rows.filter(v.filter);
    }
    const formula = q.get('filterByFormula');
    if (formula) {
      try {
        const test = compileFormula(formula);
        rows = rows.filter((r) => {
          const value = test(r);
          return value !== '' && value !== 0 && value !== false && value !== null && value !== undefined;
        });
      } catch (error) {
        if (error instanceof FormulaError)
          return fail(
            422,
            'INVALID_FILTER_BY_FORMULA',
            `The formula for filtering records is invalid: ${error.message}`,
          );
        throw error;
      }
    }
    for (let i = 9; i >= 0; i--) {
      const field = q.get(`sort[${i}][field]`);
      if (!field) continue;
      if (!table.fields.some((f) => f.name === field))
        return fail(422, 'UNKNOWN_FIELD_NAME', `Unknown field name: "${field}"`);
      const desc = q.get(`sort[${i}][direction]`) === 'desc';
      rows = rows.sort((a, b) => {
        const x = a.fields[field] ?? '';
        const y = b.fields[field] ?? '';
        return (x < y ? -1 : x > y ? 1 : 0) * (desc ? -1 : 1);
      });
    }
    rows = rows.slice(0, maxRecords);
    const only = q.getAll('fields[]');
    for (const name of only)
      if (!table.fields.some((f) => f.name === name))
        return fail(422, 'UNKNOWN_FIELD_NAME', `Unknown field name: "${name}"`);
    const offset = q.get('offset');
    const start = offset ? Number(offset.split('/')[0]) : 0;
    if (Number.isNaN(start)) return fail(422, 'LIST_RECORDS_ITERATOR_NOT_AVAILABLE', 'Invalid offset');
    const page = rows.slice(start, start + Math.min(pageSize, reference.recordsPageCap)).map((r) => {
      const shown = view(r);
      return only.length
        ? { ...shown, fields: Object.fromEntries(Object.entries(shown.fields).filter(([k]) => only.includes(k))) }
        : shown;
    });
    const end = start + page.length;
    return { body: { records: page, ...(end < rows.length ? { offset: `${end}/${page.at(-1)?.id}` } : {}) } };
  });

  server.route('GET', '/v0/:base/:table/:record', (request) => {
    const table = tableOf(request);
    if (!isTable(table)) return table;
    const record = table.records.get(request.params.record ?? '');
    return record ? { body: view(record) } : { status: 404, body: { error: 'NOT_FOUND' } };
  });

  server.route('POST', '/v0/:base/:table', (request) => {
    const table = tableOf(request);
    if (!isTable(table)) return table;
    const batch = batchOf(request.body);
    if (!Array.isArray(batch)) return batch;
    const typecast = (request.body as { typecast?: unknown }).typecast === true;
    const converted = batch.map((r) => cells(table, (r as { fields?: unknown }).fields, typecast));
    const refused = converted.find(isReply);
    if (refused) return refused;
    return { body: { records: converted.map((fields) => view(create(table, fields as Record<string, unknown>))) } };
  });

  const update =
    (replace: boolean) =>
    (request: ReferenceRequest): ReferenceReply => {
      const table = tableOf(request);
      if (!isTable(table)) return table;
      const batch = batchOf(request.body);
      if (!Array.isArray(batch)) return batch;
      const body = request.body as { typecast?: unknown; performUpsert?: { fieldsToMergeOn?: unknown } };
      const typecast = body.typecast === true;
      const merge = body.performUpsert?.fieldsToMergeOn;
      if (body.performUpsert && (!Array.isArray(merge) || merge.length < 1 || merge.length > 3)) {
        return fail(422, 'INVALID_REQUEST_UNKNOWN', 'fieldsToMergeOn must list 1 to 3 fields');
      }
      const results: StoredRecord[] = [];
      const createdRecords: string[] = [];
      const updatedRecords: string[] = [];
      for (const entry of batch as { id?: string; fields?: unknown }[]) {
        const fields = cells(table, entry.fields, typecast);
        if (isReply(fields)) return fields;
        let target: StoredRecord | undefined;
        if (Array.isArray(merge)) {
          if (merge.some((m) => !(String(m) in fields)))
            return fail(422, 'INVALID_REQUEST_UNKNOWN', 'Each record must include the fieldsToMergeOn fields');
          target = [...table.records.values()].find((r) =>
            merge.every((m) => r.fields[String(m)] === fields[String(m)]),
          );
          if (!target) {
            const made = create(table, fields);
            createdRecords.push(made.id);
            results.push(made);
            continue;
          }
          updatedRecords.push(target.id);
        } else {
          target = table.records.get(entry.id ?? '');
          if (!target) return fail(422, 'ROW_DOES_NOT_EXIST', `Record ID ${entry.id} does not exist in this table`);
        }
        target.fields = replace ? fields : { ...target.fields, ...fields };
        results.push(target);
      }
      return {
        body: { records: results.map(view), ...(Array.isArray(merge) ? { createdRecords, updatedRecords } : {}) },
      };
    };
  server.route('PATCH', '/v0/:base/:table', update(false));
  server.route('PUT', '/v0/:base/:table', update(true));

  server.route('DELETE', '/v0/:base/:table', (request) => {
    const table = tableOf(request);
    if (!isTable(table)) return table;
    const ids = request.query.getAll('records[]');
    if (ids.length === 0)
      return fail(
        422,
        'INVALID_REQUEST_UNKNOWN',
        'Invalid request: parameter validation failed. Check your request data.',
      );
    if (ids.length > 10) return fail(422, 'INVALID_RECORDS', 'You can delete up to 10 records per request');
    const missing = ids.find((rid) => !table.records.has(rid));
    if (missing)
      return {
        status: 404,
        body: { error: { type: 'ROW_DOES_NOT_EXIST', message: `Record ID ${missing} does not exist in this table` } },
      };
    for (const rid of ids) table.records.delete(rid);
    return { body: { records: ids.map((rid) => ({ id: rid, deleted: true })) } };
  });

  return reference;
}
