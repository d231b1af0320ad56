import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { testConnection } from '@mova/sdk';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import connector from '../src/index.js';
import { API_KEY, LIST_IDS, type SendGridReference, startSendGrid } from './sendgrid-api.js';

// Every action through the sandbox users run it in (worker thread, egress limited to
// network.allow and the connection's apiUrl), against sendgrid-api.ts: SendGrid's v3 API served
// on loopback from its documented shapes, with the official @sendgrid/mail and @sendgrid/client
// pointed there through apiUrl. The tests check the JSON the SDK sent and what the connector made
// of the answers.
let sendgrid: SendGridReference;
let mova: ConnectorUnderTest;
let auth: Record<string, unknown>;

beforeAll(async () => {
  sendgrid = await startSendGrid();
  mova = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { apiKey: API_KEY, apiUrl: sendgrid.api.url };
});
afterAll(async () => {
  await mova?.close();
  await sendgrid?.close();
});
beforeEach(() => {
  sendgrid.sent.length = 0;
  sendgrid.contacts.clear();
  sendgrid.jobs.clear();
  sendgrid.api.requests.length = 0;
});

const { run } = actionCalls({ connector: () => mova, auth: () => auth });
const last = () => sendgrid.api.requests.at(-1);

describe('every example in the manifest', () => {
  it('runs in a story order against the reference', async () => {
    const order = [
      'lists.list',
      'contacts.upsert',
      'contacts.search',
      'contacts.getByEmail',
      'contacts.getImportStatus',
      'contacts.delete',
      'mail.send',
    ];
    const actions = [...mova.manifest.actions].sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
    expect(actions.map((action) => action.key)).toEqual(order);
    for (const action of actions) {
      for (const example of action.examples) {
        // The status and delete examples name a job and a contact that exist.
        if (action.key === 'contacts.getImportStatus') {
          const [id] = [...sendgrid.jobs.keys()];
          sendgrid.jobs.set('0bd3f4b6-7e64-4f8e-8a83-7d7a7d3b8b9a', {
            ...sendgrid.jobs.get(id ?? ''),
            id: '0bd3f4b6-7e64-4f8e-8a83-7d7a7d3b8b9a',
          });
        }
        await run(action.key, example.input);
      }
    }
    expect(sendgrid.sent).toHaveLength(2);
    expect(sendgrid.api.unmatched).toEqual([]);
  });
});

describe('mail.send', () => {
  it('sends a dynamic template with data, categories and custom args, and gives the message ID', async () => {
    const output = await run('mail.send', {
      from: 'Shop <orders@example.com>',
      to: ['Ada Lovelace <ada@example.net>', 'grace@example.net'],
      cc: ['team@example.com'],
      replyTo: 'support@example.com',
      templateId: 'd-8e4f0a9b1c2d3e4f5a6b7c8d9e0f1a2b',
      dynamicTemplateData: { name: 'Ada', items: [{ sku: 'A1', qty: 2 }] },
      categories: ['orders', 'confirmation'],
      customArgs: { orderId: '7' },
      sendAt: '2030-01-02T03:04:05Z',
      asmGroupId: 42,
    });
    const [mail] = sendgrid.sent;
    expect(output).toEqual({ statusCode: 202, messageId: mail?.messageId });
    expect(last()?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(last()?.headers['user-agent']).toMatch(/^sendgrid\/8\.1\.6;nodejs/);
    expect(mail?.body).toEqual({
      from: { email: 'orders@example.com', name: 'Shop' },
      reply_to: { email: 'support@example.com' },
      personalizations: [
        {
          to: [{ email: 'ada@example.net', name: 'Ada Lovelace' }, { email: 'grace@example.net' }],
          cc: [{ email: 'team@example.com' }],
          dynamic_template_data: { name: 'Ada', items: [{ sku: 'A1', qty: 2 }] },
        },
      ],
      template_id: 'd-8e4f0a9b1c2d3e4f5a6b7c8d9e0f1a2b',
      categories: ['orders', 'confirmation'],
      custom_args: { orderId: '7' },
      send_at: Date.UTC(2030, 0, 2, 3, 4, 5) / 1000,
      asm: { group_id: 42 },
    });
  });

  it('sends text, HTML and attachments, one personalization per recipient when asked', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    await run('mail.send', {
      from: 'billing@example.com',
      to: ['a@example.net', 'b@example.net'],
      subject: 'Invoice',
      text: 'See attached.',
      html: '<p>See attached.</p><img src="cid:logo">',
      separateRecipients: true,
      headers: { 'X-Invoice': '7' },
      attachments: [
        { filename: 'INV-7.csv', content: 'id,total\n7,42.50\n', encoding: 'text', contentType: 'text/csv' },
        {
          filename: 'logo.png',
          content: png.toString('base64'),
          encoding: 'base64',
          contentType: 'image/png',
          contentId: 'logo',
        },
      ],
    });
    const body = sendgrid.sent[0]?.body;
    expect(body?.personalizations).toEqual([
      { to: [{ email: 'a@example.net' }] },
      { to: [{ email: 'b@example.net' }] },
    ]);
    expect(body?.content).toEqual([
      { type: 'text/plain', value: 'See attached.' },
      { type: 'text/html', value: '<p>See attached.</p><img src="cid:logo">' },
    ]);
    expect(body?.headers).toEqual({ 'X-Invoice': '7' });
    expect(body?.attachments).toEqual([
      {
        filename: 'INV-7.csv',
        content: Buffer.from('id,total\n7,42.50\n').toString('base64'),
        type: 'text/csv',
        disposition: 'attachment',
      },
      { filename: 'logo.png', content: 'iVBORw==', type: 'image/png', disposition: 'inline', content_id: 'logo' },
    ]);
  });

  it('validates in sandbox mode without sending', async () => {
    const output = await run('mail.send', {
      from: 'a@example.com',
      to: ['b@example.net'],
      subject: 's',
      text: 't',
      sandboxMode: true,
    });
    expect(output).toMatchObject({ statusCode: 200 });
    expect(sendgrid.sent).toHaveLength(0);
    expect(last()?.body).toMatchObject({ mail_settings: { sandbox_mode: { enable: true } } });
  });

  it('maps 400 field errors, 401, and 429 with X-RateLimit-Reset', async () => {
    const noContent = await mova.run(
      'mail.send',
      { from: 'a@example.com', to: ['b@example.net'], subject: 's' },
      { auth },
    );
    expect(noContent).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    const badTo = await mova.run(
      'mail.send',
      { from: 'a@example.com', to: ['not-an-address'], subject: 's', text: 't' },
      { auth },
    );
    expect(badTo).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 400 } });
    expect(badTo.error?.message).toBe(
      '@mova/connector-sendgrid@1.0.0: SendGrid answered 400: personalizations.0.to: Does not contain a valid address.',
    );

    const wrong = await mova.run(
      'mail.send',
      { from: 'a@example.com', to: ['b@example.net'], subject: 's', text: 't' },
      { auth: { ...auth, apiKey: 'SG.wrong-key-000' } },
    );
    expect(wrong).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 401 } });
    expect(wrong.error?.hint).toMatch(/region eu/);

    sendgrid.api.answerNext('POST', '/v3/mail/send', {
      status: 429,
      headers: {
        'x-ratelimit-limit': '600',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 30),
      },
      body: { errors: [{ field: null, message: 'too many requests' }] },
    });
    const limited = await mova.run(
      'mail.send',
      { from: 'a@example.com', to: ['b@example.net'], subject: 's', text: 't' },
      { auth },
    );
    expect(limited).toMatchObject({ status: 'failed', error: { kind: 'rate_limit', status: 429 } });
    expect(limited.error?.retryAfter).toBeGreaterThanOrEqual(28);
    expect(limited.error?.retryAfter).toBeLessThanOrEqual(31);
    expect(sendgrid.sent).toHaveLength(0);
  });
});

describe('contacts', () => {
  it('upserts with lists and custom fields, follows the job, searches and looks up by email', async () => {
    const upserted = await run('contacts.upsert', {
      contacts: [
        {
          email: 'ada@example.net',
          firstName: 'Ada',
          lastName: 'Lovelace',
          city: 'London',
          customFields: { e1_T: 'gold', e2_N: 3 },
        },
        { email: 'grace@example.org', firstName: 'Grace' },
      ],
      listIds: [LIST_IDS[0]],
    });
    expect(last()).toMatchObject({ method: 'PUT', path: '/v3/marketing/contacts' });
    expect(last()?.body).toEqual({
      list_ids: [LIST_IDS[0]],
      contacts: [
        {
          email: 'ada@example.net',
          first_name: 'Ada',
          last_name: 'Lovelace',
          city: 'London',
          custom_fields: { e1_T: 'gold', e2_N: 3 },
        },
        { email: 'grace@example.org', first_name: 'Grace' },
      ],
    });
    expect(upserted.jobId).toBe([...sendgrid.jobs.keys()][0]);
    expect(await run('contacts.getImportStatus', { jobId: upserted.jobId })).toMatchObject({
      jobId: upserted.jobId,
      status: 'completed',
      jobType: 'upsert',
      requested: 2,
      created: 2,
      updated: 0,
      errored: 0,
      errorsUrl: null,
    });
    await run('contacts.upsert', { contacts: [{ email: 'ada@example.net', phoneNumber: '+14155550100' }] });

    const found = await run('contacts.search', {
      query: "email LIKE '%@example.net' AND CONTAINS(list_ids, 'ca7a3796-e8a8-4029-9ccb-df8937940562')",
    });
    expect(last()?.body).toEqual({
      query: "email LIKE '%@example.net' AND CONTAINS(list_ids, 'ca7a3796-e8a8-4029-9ccb-df8937940562')",
    });
    expect(found).toMatchObject({
      count: 1,
      contacts: [
        {
          email: 'ada@example.net',
          firstName: 'Ada',
          lastName: 'Lovelace',
          phoneNumber: '+14155550100',
          city: 'London',
          listIds: [LIST_IDS[0]],
          customFields: { tier: 'gold', orders: 3 },
        },
      ],
    });
    const bad = await mova.run('contacts.search', { query: 'email STARTS WITH ada' }, { auth });
    expect(bad).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 400 } });

    const byEmail = await run('contacts.getByEmail', { emails: ['grace@example.org', 'nobody@example.com'] });
    expect(byEmail).toMatchObject({
      contacts: [{ email: 'grace@example.org', firstName: 'Grace' }],
      notFound: ['nobody@example.com'],
    });
    expect(await run('contacts.getByEmail', { emails: ['nobody@example.com'] })).toEqual({
      contacts: [],
      notFound: ['nobody@example.com'],
    });

    const unknownField = await mova.run(
      'contacts.upsert',
      { contacts: [{ email: 'x@example.net', customFields: { e9_T: 'x' } }] },
      { auth },
    );
    expect(unknownField).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(unknownField.error?.message).toMatch(/custom field ID e9_T does not exist/);
  });

  it('deletes contacts by ID', async () => {
    await run('contacts.upsert', { contacts: [{ email: 'ada@example.net' }, { email: 'grace@example.org' }] });
    const ada = sendgrid.contacts.get('ada@example.net');
    const deleted = await run('contacts.delete', { ids: [ada?.id] });
    expect(last()).toMatchObject({ method: 'DELETE', path: '/v3/marketing/contacts' });
    expect(last()?.query.get('ids')).toBe(ada?.id);
    expect([...sendgrid.contacts.keys()]).toEqual(['grace@example.org']);
    expect(await run('contacts.getImportStatus', { jobId: deleted.jobId })).toMatchObject({
      jobType: 'delete',
      deleted: 1,
    });
    const missing = await mova.run('contacts.getImportStatus', { jobId: 'no-such-job' }, { auth });
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
  });
});

describe('lists.list', () => {
  it('pages with page tokens', async () => {
    const first = await run('lists.list', { pageSize: 1 });
    expect(last()?.query.get('page_size')).toBe('1');
    expect(first).toEqual({ lists: [{ id: LIST_IDS[0], name: 'Newsletter', contactCount: 0 }], nextPageToken: '1' });
    const second = await run('lists.list', { pageSize: 1, pageToken: first.nextPageToken });
    expect(last()?.query.get('page_token')).toBe('1');
    expect(second).toEqual({ lists: [{ id: LIST_IDS[1], name: 'Customers', contactCount: 0 }], nextPageToken: null });
  });
});

describe('connection', () => {
  it('acts for a subuser with On-Behalf-Of', async () => {
    await run('lists.list', {}, { ...auth, onBehalfOf: 'shop-eu' });
    expect(last()?.headers['on-behalf-of']).toBe('shop-eu');
  });

  it('validate() reads the key scopes, and reports a wrong key as auth', async () => {
    await expect(testConnection(connector, auth)).resolves.toBeUndefined();
    expect(last()).toMatchObject({ method: 'GET', path: '/v3/scopes' });
    await expect(testConnection(connector, { ...auth, apiKey: 'SG.nope-nope-nope' })).rejects.toMatchObject({
      kind: 'auth',
    });
  });
});
