import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { testConnection } from '@mova/sdk';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import connector from '../src/index.js';
import {
  ACCOUNT_SID,
  API_KEY_SECRET,
  API_KEY_SID,
  AUTH_TOKEN,
  NOT_MOBILE,
  rfc2822,
  startTwilio,
  type TwilioReference,
} from './twilio-api.js';

// Every action and the trigger through the sandbox users run them in (worker thread, egress
// limited to network.allow and the connection's apiUrl), against twilio-api.ts: Twilio's REST API
// 2010-04-01 served on loopback from its documented request and response shapes. The official SDK
// is pointed there through the connection's apiUrl, the way a proxy would be, and the tests check
// the form fields it sent as well as what it made of the answers.
let twilio: TwilioReference;
let mova: ConnectorUnderTest;
let auth: Record<string, unknown>;
const base = `/2010-04-01/Accounts/${ACCOUNT_SID}`;

beforeAll(async () => {
  twilio = await startTwilio();
  mova = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiUrl: twilio.api.url };
});
afterAll(async () => {
  await mova?.close();
  await twilio?.close();
});
beforeEach(() => {
  twilio.messages.length = 0;
  twilio.calls.length = 0;
  twilio.api.requests.length = 0;
});

const { run } = actionCalls({ connector: () => mova, auth: () => auth });
const last = () => twilio.api.requests.at(-1);
const sentForm = () => {
  const request = last();
  return request ? twilio.form(request) : new URLSearchParams();
};

describe('every example in the manifest', () => {
  it('runs against the reference', async () => {
    // The get examples name a message and a call that exist.
    const seeded = twilio.receive({ from: '+14155550100', to: '+15017122661', body: 'hi' });
    seeded.sid = 'SM3f2a0c6b4d8e4f0a9b1c2d3e4f5a6b7c';
    const photo = twilio.receive({ from: '+14155550100', to: '+15017122661', body: '', media: ['image/jpeg'] });
    photo.sid = 'MM3f2a0c6b4d8e4f0a9b1c2d3e4f5a6b7c';
    for (const action of mova.manifest.actions) {
      for (const example of action.examples) {
        if (action.key === 'calls.get') {
          await run('calls.create', { to: '+14155550100', from: '+15017122661', url: 'https://example.com/twiml' });
          const call = twilio.calls[0];
          if (call) call.sid = 'CA5e1b2c3d4e5f60718293a4b5c6d7e8f9';
        }
        await run(action.key, example.input);
      }
    }
    for (const trigger of mova.manifest.triggers) {
      for (const example of trigger.examples) {
        expect(await mova.poll(trigger.key, example.input, { auth })).toMatchObject({ status: 'completed' });
      }
    }
    expect(twilio.api.unmatched).toEqual([]);
  });
});

describe('messages.send', () => {
  it('sends an SMS as Twilio documents the request, and reads the answer', async () => {
    const output = await run('messages.send', {
      to: '+14155550100',
      from: '+15017122661',
      body: 'Your order 7 has shipped.',
    });
    const request = last();
    expect(request).toMatchObject({ method: 'POST', path: `${base}/Messages.json` });
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`,
    );
    expect(request?.headers['user-agent']).toMatch(/^twilio-node\/6\.2\.0/);
    expect(Object.fromEntries(sentForm())).toEqual({
      To: '+14155550100',
      From: '+15017122661',
      Body: 'Your order 7 has shipped.',
    });
    const stored = twilio.messages[0];
    expect(output).toEqual({
      sid: stored?.sid,
      accountSid: ACCOUNT_SID,
      from: '+15017122661',
      to: '+14155550100',
      body: 'Your order 7 has shipped.',
      status: 'queued',
      direction: 'outbound-api',
      numSegments: 1,
      numMedia: 0,
      price: null,
      priceUnit: 'USD',
      errorCode: null,
      errorMessage: null,
      messagingServiceSid: null,
      dateCreated: new Date(String(stored?.date_created)).toISOString(),
      dateSent: null,
      dateUpdated: new Date(String(stored?.date_updated)).toISOString(),
    });
  });

  it('sends MMS media as repeated MediaUrl, WhatsApp with whatsapp: addresses, and templates', async () => {
    const mms = await run('messages.send', {
      to: '+14155550100',
      from: '+15017122661',
      mediaUrls: ['https://example.com/a.png', 'https://example.com/b.png'],
    });
    expect(sentForm().getAll('MediaUrl')).toEqual(['https://example.com/a.png', 'https://example.com/b.png']);
    expect(mms).toMatchObject({ numMedia: 2, sid: expect.stringMatching(/^MM/) });

    await run('messages.send', { to: '+14155550100', from: '+14155238886', channel: 'whatsapp', body: 'Hi' });
    expect(sentForm().get('To')).toBe('whatsapp:+14155550100');
    expect(sentForm().get('From')).toBe('whatsapp:+14155238886');

    const service = `MG${'c3'.repeat(16)}`;
    const content = `HX${'d4'.repeat(16)}`;
    const templated = await run('messages.send', {
      to: 'whatsapp:+14155550100',
      messagingServiceSid: service,
      contentSid: content,
      contentVariables: { 1: 'Ada', 2: '7' },
      statusCallback: 'https://hooks.example.com/twilio/status',
    });
    expect(Object.fromEntries(sentForm())).toEqual({
      To: 'whatsapp:+14155550100',
      MessagingServiceSid: service,
      ContentSid: content,
      ContentVariables: '{"1":"Ada","2":"7"}',
      StatusCallback: 'https://hooks.example.com/twilio/status',
    });
    expect(templated.messagingServiceSid).toBe(service);
  });

  it('maps Twilio error codes and refuses empty messages before calling', async () => {
    const invalid = await mova.run('messages.send', { to: '555-0100', from: '+15017122661', body: 'x' }, { auth });
    expect(invalid).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 400 } });
    expect(invalid.error?.message).toBe(
      "@mova/connector-twilio@1.0.0: Twilio answered 400 21211: The 'To' number 555-0100 is not a valid phone number.",
    );
    expect(invalid.error?.hint).toMatch(/E\.164/);
    const landline = await mova.run('messages.send', { to: NOT_MOBILE, from: '+15017122661', body: 'x' }, { auth });
    expect(landline.error?.message).toMatch(/21614/);

    twilio.api.requests.length = 0;
    const empty = await mova.run('messages.send', { to: '+14155550100', from: '+15017122661' }, { auth });
    expect(empty).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    const noSender = await mova.run('messages.send', { to: '+14155550100', body: 'x' }, { auth });
    expect(noSender).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(twilio.api.requests).toEqual([]);
  });

  it('honours 429 with Retry-After as rate_limit', async () => {
    twilio.api.answerNext('POST', `${base}/Messages.json`, {
      status: 429,
      headers: { 'retry-after': '7' },
      body: {
        code: 20429,
        message: 'Too Many Requests',
        more_info: 'https://www.twilio.com/docs/errors/20429',
        status: 429,
      },
    });
    const limited = await mova.run('messages.send', { to: '+14155550100', from: '+15017122661', body: 'x' }, { auth });
    expect(limited).toMatchObject({ status: 'failed', error: { kind: 'rate_limit', status: 429, retryAfter: 7 } });
    expect(twilio.messages).toHaveLength(0);
  });
});

describe('messages.get and messages.list', () => {
  it('gets a message, and fails as not_found for an unknown SID', async () => {
    const received = twilio.receive({ from: '+14155550100', to: '+15017122661', body: 'STOP?' });
    const output = await run('messages.get', { sid: received.sid });
    expect(last()).toMatchObject({ method: 'GET', path: `${base}/Messages/${received.sid}.json` });
    expect(output).toMatchObject({ sid: received.sid, direction: 'inbound', status: 'received', body: 'STOP?' });
    expect(output.dateSent).toBe(new Date(String(received.date_sent)).toISOString());
    const missing = await mova.run('messages.get', { sid: `SM${'0'.repeat(32)}` }, { auth });
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
  });

  it('filters and pages newest first', async () => {
    for (let i = 1; i <= 5; i++) {
      twilio.receive({
        from: `+1415555010${i}`,
        to: '+15017122661',
        body: `m${i}`,
        at: new Date(Date.UTC(2025, 2, 4, 10, i)),
      });
    }
    twilio.receive({
      from: '+14155550109',
      to: '+15017122662',
      body: 'other number',
      at: new Date(Date.UTC(2025, 2, 4, 11)),
    });
    const first = await run('messages.list', { to: '+15017122661', sentAfter: '2025-03-04T10:02:00Z', pageSize: 2 });
    expect(last()?.query.get('To')).toBe('+15017122661');
    expect(last()?.query.get('DateSent>')).toBe('2025-03-04T10:02:00Z');
    expect(last()?.query.get('PageSize')).toBe('2');
    expect((first.messages as { body: string }[]).map((m) => m.body)).toEqual(['m5', 'm4']);
    expect(first.nextPage).toMatch(new RegExp(`^${base}/Messages\\.json\\?`));
    const second = await run('messages.list', { page: first.nextPage });
    expect((second.messages as { body: string }[]).map((m) => m.body)).toEqual(['m3', 'm2']);
    expect(second.nextPage).toBeNull();

    const foreign = await mova.run(
      'messages.list',
      { page: '/2010-04-01/Accounts/ACother/Messages.json?Page=1' },
      { auth },
    );
    expect(foreign).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });
});

describe('messages.listMedia', () => {
  it('lists the media of an MMS with their download URLs', async () => {
    const mms = twilio.receive({
      from: '+14155550100',
      to: '+15017122661',
      body: 'photos',
      media: ['image/jpeg', 'image/png'],
    });
    const output = await run('messages.listMedia', { messageSid: mms.sid });
    expect(last()).toMatchObject({ method: 'GET', path: `${base}/Messages/${mms.sid}/Media.json` });
    const stored = twilio.media.get(String(mms.sid)) ?? [];
    expect(output.media).toEqual(
      stored.map((item) => ({
        sid: item.sid,
        contentType: item.content_type,
        url: `https://api.twilio.com${String(item.uri).replace(/\.json$/, '')}`,
        dateCreated: new Date(String(item.date_created)).toISOString(),
      })),
    );
    expect(output.media).toHaveLength(2);
    const missing = await mova.run('messages.listMedia', { messageSid: `MM${'0'.repeat(32)}` }, { auth });
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
  });
});

describe('calls', () => {
  it('creates a call with TwiML or a URL, gets it and lists by status', async () => {
    const call = await run('calls.create', {
      to: '+14155550100',
      from: '+15017122661',
      twiml: '<Response><Say>Hello</Say></Response>',
      timeout: 20,
      record: true,
    });
    expect(Object.fromEntries(sentForm())).toEqual({
      To: '+14155550100',
      From: '+15017122661',
      Twiml: '<Response><Say>Hello</Say></Response>',
      Timeout: '20',
      Record: 'true',
    });
    expect(call).toMatchObject({
      sid: twilio.calls[0]?.sid,
      status: 'queued',
      direction: 'outbound-api',
      duration: null,
      startTime: null,
    });

    await run('calls.create', {
      to: '+14155550101',
      from: '+15017122661',
      url: 'https://example.com/twiml/alert',
      statusCallback: 'https://hooks.example.com/calls',
      statusCallbackEvents: ['initiated', 'completed'],
      machineDetection: 'Enable',
    });
    expect(sentForm().getAll('StatusCallbackEvent')).toEqual(['initiated', 'completed']);
    expect(sentForm().get('MachineDetection')).toBe('Enable');

    const done = twilio.calls[1];
    if (done)
      Object.assign(done, {
        status: 'completed',
        duration: '42',
        start_time: rfc2822(new Date('2025-03-04T10:00:00Z')),
        end_time: rfc2822(new Date('2025-03-04T10:00:42Z')),
      });
    const fetched = await run('calls.get', { sid: done?.sid });
    expect(fetched).toMatchObject({
      status: 'completed',
      duration: 42,
      startTime: '2025-03-04T10:00:00.000Z',
      endTime: '2025-03-04T10:00:42.000Z',
    });

    const listed = await run('calls.list', { status: 'completed', pageSize: 10 });
    expect(last()?.query.get('Status')).toBe('completed');
    expect((listed.calls as { sid: string }[]).map((c) => c.sid)).toEqual([done?.sid]);
    expect(listed.nextPage).toBeNull();

    const neither = await mova.run('calls.create', { to: '+14155550100', from: '+15017122661' }, { auth });
    expect(neither).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });
});

describe('messages.inbound trigger', () => {
  it('emits each inbound message once, oldest first, and never outbound ones', async () => {
    twilio.receive({ from: '+14155550100', to: '+15017122661', body: 'old' });
    const first = await mova.poll('messages.inbound', { to: '+15017122661' }, { auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });

    twilio.receive({ from: '+14155550100', to: '+15017122661', body: 'one' });
    await run('messages.send', { to: '+14155550100', from: '+15017122661', body: 'outbound reply' });
    twilio.receive({ from: '+14155550101', to: '+15017122661', body: 'two' });
    twilio.receive({ from: '+14155550102', to: '+15017122662', body: 'to another number' });
    const second = await mova.poll('messages.inbound', { to: '+15017122661' }, { auth, state: first.state });
    expect(last()?.query.get('To')).toBe('+15017122661');
    expect((second.items as { body: string }[]).map((m) => m.body)).toEqual(['one', 'two']);
    const third = await mova.poll('messages.inbound', { to: '+15017122661' }, { auth, state: second.state });
    expect(third.items).toEqual([]);
  });
});

describe('connections', () => {
  it('authenticates with an API key, and maps a wrong secret to auth', async () => {
    await run(
      'messages.list',
      { pageSize: 1 },
      { ...auth, authToken: undefined, apiKeySid: API_KEY_SID, apiKeySecret: API_KEY_SECRET },
    );
    expect(last()?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${API_KEY_SID}:${API_KEY_SECRET}`).toString('base64')}`,
    );
    expect(last()?.path).toBe(`${base}/Messages.json`);
    const wrong = await mova.run('messages.list', {}, { auth: { ...auth, authToken: 'wrong' } });
    expect(wrong).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 401 } });
    expect(wrong.error?.message).toMatch(/20003/);
  });

  it('validate() fetches the account', async () => {
    await expect(testConnection(connector, auth)).resolves.toBeUndefined();
    expect(last()).toMatchObject({ method: 'GET', path: `${base}.json` });
    await expect(testConnection(connector, { ...auth, authToken: 'nope' })).rejects.toMatchObject({ kind: 'auth' });
  });
});
