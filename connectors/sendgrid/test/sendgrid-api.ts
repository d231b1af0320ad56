import { randomUUID } from 'node:crypto';
import { type ReferenceReply, type ReferenceServer, startReferenceServer } from '@mova/sdk/testing';

// Twilio SendGrid's v3 API, served on loopback from the request and response shapes its reference
// gives, for the routes the connector calls. Bodies are JSON; errors are
// {"errors": [{"message", "field", "help"}]}; auth is "Authorization: Bearer <API key>".
//   Mail Send:        https://www.twilio.com/docs/sendgrid/api-reference/mail-send/mail-send
//   Contacts upsert:  https://www.twilio.com/docs/sendgrid/api-reference/contacts/add-or-update-a-contact
//   Contacts search:  https://www.twilio.com/docs/sendgrid/api-reference/contacts/search-contacts
//                     (SGQL: https://www.twilio.com/docs/sendgrid/for-developers/sending-email/marketing-campaigns-v2-segmentation-query-reference)
//   By emails:        https://www.twilio.com/docs/sendgrid/api-reference/contacts/get-contacts-by-emails
//   Import status:    https://www.twilio.com/docs/sendgrid/api-reference/contacts/import-contacts-status
//   Delete contacts:  https://www.twilio.com/docs/sendgrid/api-reference/contacts/delete-contacts
//   Lists:            https://www.twilio.com/docs/sendgrid/api-reference/lists/get-all-lists
//   Scopes:           https://www.twilio.com/docs/sendgrid/api-reference/api-key-permissions/retrieve-a-list-of-scopes-for-which-this-user-has-access
//   Rate limits:      https://www.twilio.com/docs/sendgrid/api-reference/how-to-use-the-sendgrid-v3-api/rate-limits
// Contact jobs complete at once here; SendGrid runs them asynchronously (minutes, at times).

export const API_KEY = 'SG.test-key.abcdefghijklmnop';
export const LIST_IDS = ['ca7a3796-e8a8-4029-9ccb-df8937940562', '1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9'];
/** Custom field IDs (as contacts are written) and names (as they are read back). */
const CUSTOM_FIELDS: Record<string, string> = { e1_T: 'tier', e2_N: 'orders' };

export type Json = Record<string, unknown>;

export interface SendGridReference {
  api: ReferenceServer;
  /** Mail Send bodies accepted, with the message ID given. */
  sent: { body: Json; messageId: string }[];
  contacts: Map<string, Json>;
  jobs: Map<string, Json>;
  close(): Promise<void>;
}

const fail = (status: number, message: string, field: string | null = null): ReferenceReply => ({
  status,
  body: { errors: [{ message, field, help: null }] },
});

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isAddress = (value: unknown) =>
  isObject(value) && typeof value.email === 'string' && /^[^@\s]+@[^@\s]+$/.test(value.email);

/** The first reason a Mail Send body is refused, as SendGrid words and locates it. */
function mailProblem(body: unknown): ReferenceReply | undefined {
  if (!isObject(body)) return fail(400, 'Bad Request', null);
  const personalizations = body.personalizations;
  if (!Array.isArray(personalizations) || personalizations.length === 0) {
    return fail(
      400,
      'The personalizations field is required and must have at least one personalization.',
      'personalizations',
    );
  }
  for (const [i, personalization] of personalizations.entries()) {
    if (!isObject(personalization) || !Array.isArray(personalization.to) || personalization.to.length === 0) {
      return fail(
        400,
        'The to array is required for all personalization objects, and must have at least one email object with a valid email address.',
        `personalizations.${i}.to`,
      );
    }
    for (const key of ['to', 'cc', 'bcc']) {
      const list = personalization[key];
      if (list !== undefined && (!Array.isArray(list) || !list.every(isAddress))) {
        return fail(400, 'Does not contain a valid address.', `personalizations.${i}.${key}`);
      }
    }
  }
  if (!isAddress(body.from)) return fail(400, 'The from object must be provided for every email send.', 'from.email');
  const template = typeof body.template_id === 'string';
  if (
    !template &&
    typeof body.subject !== 'string' &&
    !personalizations.every((p) => isObject(p) && typeof p.subject === 'string')
  ) {
    return fail(
      400,
      'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.',
      'subject',
    );
  }
  const content = body.content;
  if (!template && (!Array.isArray(content) || content.length === 0)) {
    return fail(400, 'Unless a valid template_id is provided, the content parameter is required.', 'content');
  }
  if (Array.isArray(content)) {
    if (
      !content.every(
        (part) =>
          isObject(part) && typeof part.type === 'string' && typeof part.value === 'string' && part.value.length > 0,
      )
    ) {
      return fail(400, 'The content value must be a string at least one character in length.', 'content.0.value');
    }
    if (content.length > 1 && isObject(content[0]) && content[0].type !== 'text/plain') {
      return fail(400, 'If present, text/plain content must be first.', 'content.0.type');
    }
  }
  if (body.attachments !== undefined) {
    if (!Array.isArray(body.attachments)) return fail(400, 'attachments must be an array', 'attachments');
    for (const [i, file] of body.attachments.entries()) {
      if (!isObject(file) || typeof file.filename !== 'string' || typeof file.content !== 'string') {
        return fail(400, 'The attachment content and filename are required.', `attachments.${i}`);
      }
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(file.content) || file.content.length % 4 !== 0) {
        return fail(400, 'The attachment content must be base64 encoded.', `attachments.${i}.content`);
      }
      if (file.disposition === 'inline' && typeof file.content_id !== 'string') {
        return fail(
          400,
          'The content_id parameter is required if the attachment is inline.',
          `attachments.${i}.content_id`,
        );
      }
    }
  }
  if (body.categories !== undefined) {
    const categories = body.categories;
    if (!Array.isArray(categories) || categories.length > 10 || new Set(categories).size !== categories.length) {
      return fail(400, 'Too many categories or duplicates: at most 10 unique categories per request.', 'categories');
    }
  }
  if (body.send_at !== undefined && !Number.isInteger(body.send_at))
    return fail(400, 'send_at must be a UNIX timestamp', 'send_at');
  return undefined;
}

/**
 * A small part of SGQL: conditions `field = 'v'`, `field LIKE 'p%'` and `CONTAINS(list_ids, 'id')`,
 * joined by AND. Anything else is refused, as SendGrid refuses queries it cannot parse.
 */
export function sgqlMatcher(query: string): ((contact: Json) => boolean) | undefined {
  const tests: ((contact: Json) => boolean)[] = [];
  for (const part of query.split(/\s+AND\s+/i)) {
    const condition = part.trim();
    const contains = /^CONTAINS\(\s*(\w+)\s*,\s*'([^']*)'\s*\)$/i.exec(condition);
    const compare = /^(\w+)\s*(=|LIKE)\s*'([^']*)'$/i.exec(condition);
    if (contains) {
      const [, field = '', value] = contains;
      tests.push((contact) => Array.isArray(contact[field]) && (contact[field] as unknown[]).includes(value));
    } else if (compare) {
      const [, field = '', operator = '', value = ''] = compare;
      const pattern = new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*')}$`, 'i');
      tests.push((contact) =>
        operator === '='
          ? contact[field] === value
          : typeof contact[field] === 'string' && pattern.test(String(contact[field])),
      );
    } else {
      return undefined;
    }
  }
  return (contact) => tests.every((test) => test(contact));
}

export async function startSendGrid(): Promise<SendGridReference> {
  const sent: SendGridReference['sent'] = [];
  const contacts = new Map<string, Json>();
  const jobs = new Map<string, Json>();
  const api = await startReferenceServer({
    check(request) {
      if (request.headers.authorization !== `Bearer ${API_KEY}`) {
        return fail(401, 'The provided authorization grant is invalid, expired, or revoked');
      }
      if (
        ['POST', 'PUT', 'PATCH'].includes(request.method) &&
        !String(request.headers['content-type']).startsWith('application/json')
      ) {
        return fail(415, 'Content-Type should be application/json.');
      }
      return undefined;
    },
  });

  api.route('GET', '/v3/scopes', () => ({ body: { scopes: ['mail.send', 'marketing.read', 'marketing.write'] } }));

  api.route('POST', '/v3/mail/send', ({ body }) => {
    const problem = mailProblem(body);
    if (problem) return problem;
    const mail = body as Json;
    const messageId = randomUUID().replace(/-/g, '').slice(0, 22);
    const settings =
      isObject(mail.mail_settings) && isObject(mail.mail_settings.sandbox_mode) ? mail.mail_settings.sandbox_mode : {};
    if (settings.enable === true) return { status: 200, headers: { 'x-message-id': messageId }, body: '' };
    sent.push({ body: mail, messageId });
    return { status: 202, headers: { 'x-message-id': messageId }, body: '' };
  });

  api.route('PUT', '/v3/marketing/contacts', ({ body }) => {
    if (
      !isObject(body) ||
      !Array.isArray(body.contacts) ||
      body.contacts.length === 0 ||
      body.contacts.length > 30_000
    ) {
      return fail(400, 'contacts must be an array of 1 to 30000 contacts', 'contacts');
    }
    const listIds = body.list_ids ?? [];
    if (!Array.isArray(listIds) || !listIds.every((id) => LIST_IDS.includes(String(id)))) {
      return fail(400, 'list_ids contains a list that does not exist', 'list_ids');
    }
    let created = 0;
    let updated = 0;
    for (const [i, contact] of body.contacts.entries()) {
      if (!isObject(contact) || typeof contact.email !== 'string' || !contact.email.includes('@')) {
        return fail(400, 'email is required and must be a valid email address', `contacts[${i}].email`);
      }
      const custom = isObject(contact.custom_fields) ? contact.custom_fields : {};
      const unknown = Object.keys(custom).find((id) => !(id in CUSTOM_FIELDS));
      if (unknown) return fail(400, `custom field ID ${unknown} does not exist`, `contacts[${i}].custom_fields`);
    }
    for (const contact of body.contacts as Json[]) {
      const email = String(contact.email).toLowerCase();
      const existing = contacts.get(email);
      const now = new Date().toISOString();
      const named = Object.fromEntries(
        Object.entries(isObject(contact.custom_fields) ? contact.custom_fields : {}).map(([id, value]) => [
          CUSTOM_FIELDS[id] ?? id,
          value,
        ]),
      );
      const { custom_fields: _custom, ...fields } = contact;
      const merged: Json = {
        id: existing?.id ?? randomUUID(),
        created_at: existing?.created_at ?? now,
        alternate_emails: [],
        ...existing,
        ...fields,
        email,
        custom_fields: { ...(isObject(existing?.custom_fields) ? existing.custom_fields : {}), ...named },
        updated_at: now,
      };
      merged.list_ids = [...new Set([...((existing?.list_ids as string[]) ?? []), ...listIds.map(String)])];
      contacts.set(email, merged);
      if (existing) updated++;
      else created++;
    }
    const id = randomUUID();
    jobs.set(
      id,
      job(id, 'upsert', { requested_count: body.contacts.length, created_count: created, updated_count: updated }),
    );
    return { status: 202, body: { job_id: id } };
  });

  api.route('POST', '/v3/marketing/contacts/search', ({ body }) => {
    if (!isObject(body) || typeof body.query !== 'string') return fail(400, 'query is required', 'query');
    const matcher = sgqlMatcher(body.query);
    if (!matcher) return fail(400, `Invalid query: ${body.query}`, 'query');
    const found = [...contacts.values()].filter(matcher);
    return {
      body: {
        result: found.slice(0, 50),
        contact_count: found.length,
        _metadata: { self: `${api.url}/v3/marketing/contacts/search` },
      },
    };
  });

  api.route('POST', '/v3/marketing/contacts/search/emails', ({ body }) => {
    if (!isObject(body) || !Array.isArray(body.emails) || body.emails.length === 0 || body.emails.length > 100) {
      return fail(400, 'emails must hold 1 to 100 addresses', 'emails');
    }
    const result: Json = {};
    for (const email of body.emails.map(String)) {
      const contact = contacts.get(email.toLowerCase());
      result[email] = contact ? { contact } : { error: 'contact not found' };
    }
    if (!Object.values(result).some((entry) => isObject(entry) && 'contact' in entry))
      return fail(404, 'No contacts found');
    return { body: { result } };
  });

  api.route('GET', '/v3/marketing/contacts/imports/:id', ({ params }) => {
    const found = jobs.get(params.id ?? '');
    return found ? { body: found } : fail(404, 'job not found', 'id');
  });

  api.route('DELETE', '/v3/marketing/contacts', ({ query }) => {
    const ids = query.get('ids');
    if (!ids && query.get('delete_all_contacts') !== 'true') {
      return fail(400, 'Either ids or delete_all_contacts must be given', 'ids');
    }
    let deleted = 0;
    for (const id of (ids ?? '').split(',')) {
      for (const [email, contact] of contacts) {
        if (contact.id === id) {
          contacts.delete(email);
          deleted++;
        }
      }
    }
    const id = randomUUID();
    jobs.set(id, job(id, 'delete', { requested_count: ids?.split(',').length ?? 0, deleted_count: deleted }));
    return { status: 202, body: { job_id: id } };
  });

  api.route('GET', '/v3/marketing/lists', ({ query }) => {
    const pageSize = Number(query.get('page_size') ?? '100');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000)
      return fail(400, 'page_size must be 1 to 1000', 'page_size');
    const start = Number(query.get('page_token') ?? '0');
    const lists = LIST_IDS.map((id, i) => ({
      id,
      name: ['Newsletter', 'Customers'][i],
      contact_count: [...contacts.values()].filter((c) => (c.list_ids as string[]).includes(id)).length,
      _metadata: { self: `${api.url}/v3/marketing/lists/${id}` },
    }));
    const page = lists.slice(start, start + pageSize);
    const more = start + pageSize < lists.length;
    return {
      body: {
        result: page,
        _metadata: {
          self: `${api.url}/v3/marketing/lists?page_size=${pageSize}`,
          ...(more
            ? { next: `${api.url}/v3/marketing/lists?page_size=${pageSize}&page_token=${start + pageSize}` }
            : {}),
          count: lists.length,
        },
      },
    };
  });

  return { api, sent, contacts, jobs, close: () => api.close() };
}

function job(id: string, type: string, results: Json): Json {
  const now = new Date().toISOString();
  return {
    id,
    status: 'completed',
    job_type: type,
    results: { requested_count: 0, created_count: 0, updated_count: 0, deleted_count: 0, errored_count: 0, ...results },
    started_at: now,
    finished_at: now,
  };
}
