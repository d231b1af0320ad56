import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DovecotReference, dovecotMissing, startDovecot } from './dovecot-server.js';
import { CERT, compose, PASSWORD, USER } from './imap-server.js';

// The actions and the trigger through the sandbox against Debian's Dovecot, a production IMAP
// server (dovecot-server.ts), where conformance.test.ts uses hoodiecrow-imap: real UIDVALIDITY
// values, NO [NONEXISTENT], MOVE and UIDPLUS as Dovecot implements them. The mailbox is checked
// with a client of the test's own. `npm run setup` / `npm test` install Debian's dovecot-imapd
// (scripts/system-packages.mjs); without it these tests fail saying how to install it. Dovecot must
// start as root (it changes to its mail user itself), so they are skipped, loudly, for other users.
const missing = dovecotMissing();
if (missing) console.warn(`email-imap: Dovecot tests skipped. ${missing}`);

it.runIf(missing?.startsWith('Dovecot is not installed'))('needs Dovecot installed', () => {
  expect.fail(missing);
});

let dovecot: DovecotReference;
let mova: ConnectorUnderTest;
let auth: Record<string, unknown>;
let peek: ImapFlow;

describe.skipIf(missing !== undefined)('against Dovecot', () => {
  // Starting Dovecot and loading the connector can pass vitest's 10 s hook default on a busy machine.
  beforeAll(async () => {
    dovecot = await startDovecot();
    mova = await loadConnector({ dir: new URL('..', import.meta.url) });
    auth = { host: '127.0.0.1', port: dovecot.port, security: 'tls', username: USER, password: PASSWORD, ca: CERT };
    peek = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.port,
      secure: true,
      tls: { ca: CERT },
      auth: { user: USER, pass: PASSWORD },
      logger: false,
    });
    await peek.connect();
    const invoice = await compose({
      from: 'Billing <billing@supplier.example>',
      to: USER,
      subject: 'Invoice INV-7',
      messageId: '<inv-7@supplier.example>',
      text: 'Invoice attached.',
      headers: { 'X-Order': '7' },
      attachments: [{ filename: 'INV-7.csv', content: 'id,total\n7,42.50\n', contentType: 'text/csv' }],
    });
    await peek.append('INBOX', Buffer.from(invoice, 'binary'), [], new Date('2025-03-04T09:00:05Z'));
    await peek.append(
      'INBOX',
      Buffer.from(await compose({ from: 'grace@example.net', to: USER, subject: 'Lunch?', text: 'Friday?' }), 'binary'),
      ['\\Seen'],
    );
  }, 30_000);
  afterAll(async () => {
    await peek?.logout().catch(() => {});
    await mova?.close();
    await dovecot?.close();
  });

  const run = async (action: string, input: unknown, connection: Record<string, unknown> = auth) => {
    const result = await mova.run(action, input, { auth: connection });
    expect(result, JSON.stringify(result.error)).toMatchObject({ status: 'completed', isolation: 'worker' });
    return result.output as Record<string, unknown>;
  };
  const uids = async (path: string) => {
    const lock = await peek.getMailboxLock(path);
    try {
      // A session learns of other sessions' expunges only at a command like NOOP (RFC 9051 §7.5.1).
      await peek.noop();
      return ((await peek.search({ all: true }, { uid: true })) || []).sort((a, b) => a - b);
    } finally {
      lock.release();
    }
  };
  const uidValidity = async (path: string) => {
    const status = await peek.status(path, { uidValidity: true });
    return status ? Number(status.uidValidity) : 0;
  };

  it('lists, searches and reads messages with their attachments', async () => {
    const listed = await run('mailboxes.list', { withCounts: true });
    const inbox = (listed.mailboxes as Record<string, unknown>[]).find((mailbox) => mailbox.path === 'INBOX');
    expect(inbox).toMatchObject({ messages: 2, unseen: 1, uidValidity: await uidValidity('INBOX') });
    expect((listed.mailboxes as { specialUse: string }[]).map((mailbox) => mailbox.specialUse).sort()).toEqual([
      '\\Archive',
      '\\Inbox',
      '\\Sent',
      '\\Trash',
    ]);

    const found = await run('messages.search', {
      mailbox: 'INBOX',
      header: { 'X-Order': '7' },
      unseen: true,
      since: '2025-03-01',
    });
    expect(found).toMatchObject({
      total: 1,
      messages: [{ uid: 1, subject: 'Invoice INV-7', hasAttachments: true, receivedAt: '2025-03-04T09:00:05.000Z' }],
    });

    const message = await run('messages.get', { mailbox: 'INBOX', uid: 1 });
    expect(message).toMatchObject({ text: 'Invoice attached.', messageId: '<inv-7@supplier.example>', flags: [] });
    expect(message.attachments).toMatchObject([
      {
        filename: 'INV-7.csv',
        contentType: 'text/csv',
        content: Buffer.from('id,total\n7,42.50\n').toString('base64'),
      },
    ]);

    const stale = await mova.run('messages.get', { mailbox: 'INBOX', uid: 1, uidValidity: 1 }, { auth });
    expect(stale).toMatchObject({ status: 'failed', error: { kind: 'conflict' } });
    const nowhere = await mova.run('messages.search', { mailbox: 'Nope' }, { auth });
    expect(nowhere).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
  });

  it('flags, moves, appends and deletes as the server records it', async () => {
    expect(await run('messages.updateFlags', { mailbox: 'INBOX', uids: [1], add: ['\\Flagged', '\\Seen'] })).toEqual({
      messages: [{ uid: 1, flags: expect.arrayContaining(['\\Flagged', '\\Seen']) }],
    });
    const moved = await run('messages.move', { mailbox: 'INBOX', uids: [1], destination: 'Archive' });
    expect(moved).toEqual({ moved: [{ uid: 1, newUid: 1 }], destinationUidValidity: await uidValidity('Archive') });
    expect(await uids('INBOX')).toEqual([2]);
    expect(await uids('Archive')).toEqual([1]);

    const appended = await run('messages.append', {
      mailbox: 'Sent',
      message: 'From: a@example.com\r\nSubject: copy\r\n\r\nx\r\n',
      flags: ['\\Seen'],
    });
    expect(appended).toEqual({ mailbox: 'Sent', uid: 1, uidValidity: await uidValidity('Sent') });

    expect(await run('messages.delete', { mailbox: 'INBOX', uids: [2] })).toEqual({ deleted: [2], movedTo: 'Trash' });
    expect(await uids('Trash')).toEqual([1]);
    expect(await run('messages.delete', { mailbox: 'Trash', uids: [1] })).toEqual({ deleted: [1], movedTo: null });
    expect(await uids('Trash')).toEqual([]);
  });

  it('triggers on new mail, and treats a recreated mailbox (new UIDVALIDITY) as new', async () => {
    const first = await mova.poll('messages.new', { mailbox: 'Archive' }, { auth });
    const before = await uidValidity('Archive');
    expect(first).toMatchObject({ status: 'completed', items: [] });
    expect(first.state?.seen).toEqual([`${before}:1`]);
    await peek.append(
      'Archive',
      Buffer.from(await compose({ from: 'x@example.net', to: USER, subject: 'New one', text: 'n' }), 'binary'),
    );
    const second = await mova.poll('messages.new', { mailbox: 'Archive' }, { auth, state: first.state });
    expect(second.items).toMatchObject([{ id: `${before}:2`, subject: 'New one' }]);

    await peek.mailboxDelete('Archive');
    await peek.mailboxCreate('Archive');
    await peek.append(
      'Archive',
      Buffer.from(await compose({ from: 'x@example.net', to: USER, subject: 'After rebuild', text: 'r' }), 'binary'),
    );
    const after = await uidValidity('Archive');
    expect(after).not.toBe(before);
    const third = await mova.poll('messages.new', { mailbox: 'Archive' }, { auth, state: second.state });
    expect(third.items).toMatchObject([{ id: `${after}:1`, subject: 'After rebuild' }]);
  });

  it('logs in over STARTTLS or plain, and maps a wrong password to auth', async () => {
    await run('mailboxes.list', {}, { ...auth, port: dovecot.starttlsPort, security: 'starttls' });
    await run('mailboxes.list', {}, { ...auth, port: dovecot.starttlsPort, security: 'none' });
    const wrong = await mova.run('mailboxes.list', {}, { auth: { ...auth, password: 'wrong' } });
    expect(wrong).toMatchObject({ status: 'failed', error: { kind: 'auth' } });
  });
});
