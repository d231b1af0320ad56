import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FOLDERS, type OutlookReference, startOutlook, USER } from './outlook-api.js';

// Every action and the trigger through the sandbox users run them in, against the loopback Graph of
// outlook-api.ts (its header names the Microsoft Learn page each route follows), reached the way a
// proxy or another cloud is: through the connection's graphUrl (network.connectionHosts). Token refresh
// and client credentials are the SDK kit's and are tested there and in microsoft-teams.
let outlook: OutlookReference;
let connector: ConnectorUnderTest;
let auth: Record<string, unknown>;

const MESSAGE =
  'AAMkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5OTZhYmY4OABGAAAAAAAiQ8W967B7TKBjgx9rVEURBwAiIsqMbYjsT5e-T7KzowPTAAAAAAEMAAAiIsqMbYjsT5e-T7KzowPTAAAYbvZDAAA=';
const EVENT = 'AAMkAGI1AAAt9AHjAAA=';

beforeAll(async () => {
  outlook = await startOutlook();
  outlook.accessTokens.add('outlook-access-0');
  connector = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = {
    accessToken: 'outlook-access-0',
    clientId: 'app',
    tenantId: 'contoso.onmicrosoft.com',
    graphUrl: outlook.url,
  };
});
afterAll(async () => {
  await connector?.close();
  await outlook?.close();
});
beforeEach(() => {
  outlook.messages.length = 0;
  outlook.events.length = 0;
  outlook.outbox.length = 0;
  outlook.deliver('Invoice 1042', 'billing@fabrikam.com', {
    id: MESSAGE,
    ccRecipients: [{ emailAddress: { address: 'megan@contoso.com' } }],
    body: { contentType: 'html', content: '<p>Please find <b>invoice 1042</b> attached.</p>' },
  });
  outlook.events.push({
    id: EVENT,
    subject: 'Release review',
    start: { dateTime: '2026-12-10T14:00:00.0000000', timeZone: 'Europe/Berlin' },
    end: { dateTime: '2026-12-10T14:30:00.0000000', timeZone: 'Europe/Berlin' },
    isAllDay: false,
    location: { displayName: '' },
    body: { contentType: 'html', content: '' },
    bodyPreview: '',
    organizer: { emailAddress: { address: USER.mail } },
    attendees: [],
    isOnlineMeeting: false,
    onlineMeeting: null,
    showAs: 'busy',
    webLink: 'https://outlook.office365.com/owa/?itemid=x',
    calendarId: 'default',
  });
  outlook.server.requests.length = 0;
});

const { run, call: fail, runExamples } = actionCalls({ connector: () => connector, auth: () => auth });
const last = () => outlook.server.requests.at(-1);
const subjects = (output: Record<string, unknown>) => (output.messages as { subject: string }[]).map((m) => m.subject);

describe('every example in the manifest', () => {
  it('runs in a story order and gives the output it shows', async () => {
    const order = [
      'mail.send',
      'mail.list',
      'mail.get',
      'mail.reply',
      'mail.move',
      'events.create',
      'events.list',
      'events.update',
    ];
    await runExamples(order, { triggers: true });
    expect(outlook.server.unmatched).toEqual([]);
  });
});

describe('mail', () => {
  it('sends to, cc and bcc with a text attachment as fileAttachment bytes, and keeps a copy in Sent Items', async () => {
    const sent = await run('mail.send', {
      to: ['megan@contoso.com', { address: 'alex@contoso.com', name: 'Alex Wilber' }],
      cc: ['lee@contoso.com'],
      bcc: ['audit@contoso.com'],
      subject: 'Weekly report',
      body: 'Numbers attached.',
      bodyType: 'text',
      importance: 'high',
      attachments: [
        { name: 'report.csv', content: 'week,total\n49,1200\n', encoding: 'text', contentType: 'text/csv' },
      ],
    });
    expect(sent).toEqual({ sent: true });
    const [delivered] = outlook.outbox;
    expect(delivered).toMatchObject({
      subject: 'Weekly report',
      importance: 'high',
      body: { contentType: 'text', content: 'Numbers attached.' },
      toRecipients: [
        { emailAddress: { address: 'megan@contoso.com' } },
        { emailAddress: { address: 'alex@contoso.com', name: 'Alex Wilber' } },
      ],
      ccRecipients: [{ emailAddress: { address: 'lee@contoso.com' } }],
      bccRecipients: [{ emailAddress: { address: 'audit@contoso.com' } }],
      parentFolderId: FOLDERS.sentitems,
    });
    expect(Buffer.from(String(delivered?.attachments?.[0]?.contentBytes), 'base64').toString()).toBe(
      'week,total\n49,1200\n',
    );
    expect(last()).toMatchObject({ method: 'POST', path: '/v1.0/me/sendMail', body: { saveToSentItems: true } });
  });

  it('sends from another mailbox without a Sent Items copy, and refuses bad base64 before calling Graph', async () => {
    await run('mail.send', {
      to: ['megan@contoso.com'],
      subject: 'x',
      body: 'y',
      saveToSentItems: false,
      mailbox: USER.mail,
    });
    expect(last()?.path).toBe(`/v1.0/users/${encodeURIComponent(USER.mail)}/sendMail`);
    expect(outlook.messages.filter((m) => m.parentFolderId === FOLDERS.sentitems)).toEqual([]);
    outlook.server.requests.length = 0;
    const bad = await fail('mail.send', {
      to: ['a@b.c'],
      subject: 'x',
      body: 'y',
      attachments: [{ name: 'a.bin', content: '***' }],
    });
    expect(bad).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(outlook.server.requests).toEqual([]);
  });

  it('lists a folder newest first, filtered by unread and sender with the filter Outlook accepts, a page at a time', async () => {
    outlook.deliver('Lunch?', 'alex@contoso.com');
    outlook.deliver('Invoice 1043', 'billing@fabrikam.com');
    outlook.deliver('Invoice 1044', 'billing@fabrikam.com', { isRead: true });
    const first = await run('mail.list', { folder: 'inbox', unreadOnly: true, from: 'billing@fabrikam.com', top: 1 });
    expect(subjects(first)).toEqual(['Invoice 1043']);
    expect(last()?.query.get('$filter')).toBe(
      "receivedDateTime ge 1900-01-01T00:00:00Z and isRead eq false and from/emailAddress/address eq 'billing@fabrikam.com'",
    );
    expect(last()?.query.get('$select')).toContain('bodyPreview');
    const rest = await run('mail.list', { pageToken: first.nextPageToken });
    expect(subjects(rest)).toEqual(['Invoice 1042']);
    expect(rest.nextPageToken).toBeUndefined();
    const all = await run('mail.list', {});
    expect(subjects(all)).toEqual(['Invoice 1044', 'Invoice 1043', 'Lunch?', 'Invoice 1042']);
    expect((all.messages as { body?: unknown }[])[0]?.body).toBeUndefined();
  });

  it('reads a message with its body as text, and a missing one as not found', async () => {
    const message = await run('mail.get', { messageId: MESSAGE, bodyType: 'text' });
    expect(message).toMatchObject({
      id: MESSAGE,
      subject: 'Invoice 1042',
      from: { address: 'billing@fabrikam.com' },
      to: [{ address: USER.mail, name: USER.displayName }],
      cc: [{ address: 'megan@contoso.com' }],
      isRead: false,
      body: { contentType: 'text', content: 'Please find invoice 1042 attached.' },
    });
    expect(last()?.headers.prefer).toBe('outlook.body-content-type="text"');
    const missing = await fail('mail.get', { messageId: 'AAMkAGnope' });
    expect(missing).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', message: expect.stringContaining('ErrorItemNotFound') },
    });
  });

  it('replies to the sender or to everyone', async () => {
    await run('mail.reply', { messageId: MESSAGE, comment: 'Paid.' });
    await run('mail.reply', { messageId: MESSAGE, comment: 'Paid, all.', replyAll: true });
    expect(outlook.outbox.map((m) => [m.subject, m.toRecipients.map((r) => r.emailAddress.address)])).toEqual([
      ['RE: Invoice 1042', ['billing@fabrikam.com']],
      ['RE: Invoice 1042', ['billing@fabrikam.com', 'megan@contoso.com']],
    ]);
    expect(outlook.server.requests.map((r) => r.path.split('/').at(-1))).toEqual(['reply', 'replyAll']);
  });

  it('moves a message, which then has a new id', async () => {
    const moved = await run('mail.move', { messageId: MESSAGE, destination: 'archive' });
    expect(moved).toMatchObject({ subject: 'Invoice 1042', parentFolderId: FOLDERS.archive });
    expect(moved.id).not.toBe(MESSAGE);
    expect(await fail('mail.move', { messageId: MESSAGE, destination: 'archive' })).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found' },
    });
  });
});

describe('calendar', () => {
  it('creates an event with attendees and a Teams link, lists the week in a time zone, and moves it', async () => {
    const created = await run('events.create', {
      subject: 'Planning',
      start: { dateTime: '2026-12-09T09:00:00', timeZone: 'America/New_York' },
      end: { dateTime: '2026-12-09T10:00:00', timeZone: 'America/New_York' },
      body: '<p>Agenda</p>',
      location: 'Room 4.12',
      attendees: [{ address: 'megan@contoso.com', type: 'optional' }],
      onlineMeeting: true,
    });
    expect(created).toMatchObject({
      subject: 'Planning',
      location: 'Room 4.12',
      organizer: USER.mail,
      attendees: [{ address: 'megan@contoso.com', type: 'optional', response: 'none' }],
      isOnlineMeeting: true,
      joinUrl: expect.stringContaining('teams.microsoft.com'),
      bodyPreview: 'Agenda',
    });
    expect(last()?.body).toMatchObject({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' });

    const week = await run('events.list', {
      startDateTime: '2026-12-07T00:00:00Z',
      endDateTime: '2026-12-14T00:00:00Z',
      timeZone: 'UTC',
    });
    expect((week.events as { subject: string; start: unknown }[]).map((e) => [e.subject, e.start])).toEqual([
      ['Planning', { dateTime: '2026-12-09T14:00:00.0000000', timeZone: 'UTC' }],
      ['Release review', { dateTime: '2026-12-10T13:00:00.0000000', timeZone: 'UTC' }],
    ]);
    expect(last()?.headers.prefer).toBe('outlook.timezone="UTC"');
    const firstPage = await run('events.list', {
      startDateTime: '2026-12-07T00:00:00Z',
      endDateTime: '2026-12-14T00:00:00Z',
      top: 1,
    });
    const secondPage = await run('events.list', {
      startDateTime: '2026-12-07T00:00:00Z',
      endDateTime: '2026-12-14T00:00:00Z',
      pageToken: firstPage.nextPageToken,
    });
    expect((secondPage.events as { subject: string }[]).map((e) => e.subject)).toEqual(['Release review']);

    const moved = await run('events.update', {
      eventId: created.id,
      start: { dateTime: '2026-12-15T09:00:00', timeZone: 'America/New_York' },
      end: { dateTime: '2026-12-15T10:00:00', timeZone: 'America/New_York' },
    });
    expect(moved).toMatchObject({ start: { dateTime: '2026-12-15T09:00:00' }, location: 'Room 4.12' });
    const after = await run('events.list', {
      startDateTime: '2026-12-07T00:00:00Z',
      endDateTime: '2026-12-14T00:00:00Z',
    });
    expect((after.events as { subject: string }[]).map((e) => e.subject)).toEqual(['Release review']);
  });

  it('passes Outlook’s refusals: an end before the start, and a window-less list', async () => {
    const backwards = await fail('events.create', {
      subject: 'x',
      start: { dateTime: '2026-12-09T10:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-12-09T09:00:00', timeZone: 'UTC' },
    });
    expect(backwards).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 400 } });
    const missing = await fail('events.update', { eventId: 'AAMkAGnope', subject: 'x' });
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
  });
});

describe('mail.new', () => {
  it('records the inbox on the first poll, then emits each new message once, oldest first', async () => {
    const input = { folder: 'inbox', unreadOnly: true, top: 50 };
    const first = await connector.poll('mail.new', input, { auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });
    const a = outlook.deliver('Order 1', 'shop@fabrikam.com');
    outlook.deliver('Already read', 'shop@fabrikam.com', { isRead: true });
    const b = outlook.deliver('Order 2', 'shop@fabrikam.com');
    const second = await connector.poll('mail.new', input, { auth, state: first.state });
    expect((second.items as { id: string; subject: string }[]).map((m) => [m.id, m.subject])).toEqual([
      [a.id, 'Order 1'],
      [b.id, 'Order 2'],
    ]);
    expect(last()?.query.get('$filter')).toBe('receivedDateTime ge 1900-01-01T00:00:00Z and isRead eq false');
    const third = await connector.poll('mail.new', input, { auth, state: second.state });
    expect(third).toMatchObject({ status: 'completed', items: [] });
  });
});

describe('failures', () => {
  it('reports a refused token, an unknown mailbox and a long throttle with their kinds', async () => {
    const refused = await fail('mail.list', {}, { ...auth, accessToken: 'nope' });
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 401 } });
    const nobody = await fail('mail.list', { mailbox: 'nobody@contoso.com' });
    expect(nobody).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', message: expect.stringContaining('ErrorInvalidUser') },
    });
    outlook.server.answerNext('POST', '/v1.0/me/sendMail', {
      status: 429,
      headers: { 'retry-after': '90' },
      body: { error: { code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' } },
    });
    const throttled = await fail('mail.send', { to: ['a@contoso.com'], subject: 'x', body: 'y' });
    expect(throttled).toMatchObject({ status: 'failed', error: { kind: 'rate_limit', status: 429, retryAfter: 90 } });
  });
});
