import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { testConnection } from '@mova/sdk';
import { actionCalls } from '@mova/sdk/testing';
import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import connector from '../src/index.js';
import { ACCESS_TOKEN, CERT, compose, type ImapReference, PASSWORD, startImap, USER } from './imap-server.js';

// Every action and the trigger through the sandbox users run them in (worker thread, egress
// limited to the host the connection names), against hoodiecrow-imap, a real IMAP4rev1 server,
// started fresh for each test on a free loopback port (imap-server.ts). What the actions change is
// checked in the server's own mailboxes.
let imap: ImapReference;
let mova: ConnectorUnderTest;
let auth: Record<string, unknown>;

beforeAll(async () => {
  mova = await loadConnector({ dir: new URL('..', import.meta.url) });
});
afterAll(async () => {
  await mova?.close();
});
beforeEach(async () => {
  imap = await startImap('tls');
  auth = { host: '127.0.0.1', port: imap.port, security: 'tls', username: USER, password: PASSWORD, ca: CERT };
});
afterEach(async () => {
  await imap?.close();
});

const { run } = actionCalls({ connector: () => mova, auth: () => auth });
const inbox = () => imap.server.getMailbox('INBOX');
const uidsIn = (path: string) => imap.server.getMailbox(path)?.messages.map((message) => message.uid);

describe('every example in the manifest', () => {
  it('runs against the seeded mailboxes', async () => {
    const order = [
      'mailboxes.list',
      'messages.search',
      'messages.get',
      'messages.updateFlags',
      'messages.append',
      'messages.move',
      'messages.delete',
    ];
    const actions = [...mova.manifest.actions].sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
    expect(actions.map((action) => action.key)).toEqual(order);
    for (const action of actions) {
      for (const example of action.examples) {
        // messages.delete's example deletes UID 1, which messages.move's example moved away.
        if (action.key === 'messages.delete')
          imap.server.appendMessage('INBOX', [], '06-Mar-2025 10:00:00 +0000', 'Subject: x\r\n\r\nx\r\n');
        await run(action.key, example.input);
      }
    }
    for (const trigger of mova.manifest.triggers) {
      for (const example of trigger.examples) {
        expect(await mova.poll(trigger.key, example.input, { auth })).toMatchObject({ status: 'completed' });
      }
    }
  });
});

describe('mailboxes.list', () => {
  it('lists paths, special use and counts', async () => {
    const output = await run('mailboxes.list', { withCounts: true });
    const mailboxes = output.mailboxes as Record<string, unknown>[];
    expect(mailboxes.map((mailbox) => mailbox.path).sort()).toEqual(['Archive', 'INBOX', 'Sent', 'Trash']);
    expect(mailboxes[0]).toMatchObject({ specialUse: '\\Inbox', messages: 2, unseen: 1, uidNext: 3, uidValidity: 1 });
    expect(mailboxes.find((mailbox) => mailbox.path === 'Trash')).toMatchObject({
      path: 'Trash',
      name: 'Trash',
      delimiter: '/',
      specialUse: '\\Trash',
      messages: 0,
    });
    expect((await run('mailboxes.list', {})).mailboxes).toEqual(
      mailboxes.map(({ messages: _m, unseen: _u, uidNext: _n, uidValidity: _v, ...rest }) => rest),
    );
  });
});

describe('messages.search', () => {
  it('finds by criteria, newest first, with envelopes, and pages with beforeUid', async () => {
    const all = await run('messages.search', { mailbox: 'INBOX', limit: 1 });
    expect(all).toMatchObject({ total: 2, nextBeforeUid: 2, uidValidity: 1 });
    const [lunch] = all.messages as Record<string, unknown>[];
    expect(lunch).toEqual({
      uid: 2,
      uidValidity: 1,
      mailbox: 'INBOX',
      messageId: '<lunch@example.net>',
      subject: 'Lunch?',
      from: [{ name: 'Grace', address: 'grace@example.net' }],
      to: [{ name: '', address: USER }],
      cc: [{ name: '', address: 'team@example.com' }],
      replyTo: [{ name: 'Grace', address: 'grace@example.net' }],
      inReplyTo: '',
      date: '2025-03-05T12:00:00.000Z',
      receivedAt: '2025-03-05T12:00:02.000Z',
      flags: ['\\Seen'],
      size: inbox()?.messages[1]?.raw.length,
      hasAttachments: false,
    });
    const next = await run('messages.search', { mailbox: 'INBOX', limit: 1, beforeUid: 2 });
    expect(next).toMatchObject({
      total: 2,
      nextBeforeUid: null,
      messages: [{ uid: 1, subject: 'Invoice INV-7', hasAttachments: true }],
    });

    const unseen = await run('messages.search', { mailbox: 'INBOX', unseen: true });
    expect((unseen.messages as { uid: number }[]).map((m) => m.uid)).toEqual([1]);
    const from = await run('messages.search', { mailbox: 'INBOX', from: 'grace@example.net', since: '2025-03-01' });
    expect((from.messages as { uid: number }[]).map((m) => m.uid)).toEqual([2]);
    const header = await run('messages.search', { mailbox: 'INBOX', header: { 'X-Order': '7' }, subject: 'invoice' });
    expect((header.messages as { uid: number }[]).map((m) => m.uid)).toEqual([1]);
    const none = await run('messages.search', { mailbox: 'INBOX', subject: 'nothing like this', before: '2026-01-01' });
    expect(none).toMatchObject({ messages: [], total: 0, nextBeforeUid: null });
  });

  it('fails as not_found for a mailbox that does not exist', async () => {
    const result = await mova.run('messages.search', { mailbox: 'Nope' }, { auth });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
    expect(result.error?.message).toMatch(/cannot open mailbox Nope/);
  });
});

describe('messages.get', () => {
  it('gives bodies, headers and attachments without marking the message read', async () => {
    const output = await run('messages.get', { mailbox: 'INBOX', uid: 1, includeRaw: true });
    expect(output).toMatchObject({
      uid: 1,
      subject: 'Invoice INV-7',
      messageId: '<inv-7@supplier.example>',
      from: [{ name: 'Billing', address: 'billing@supplier.example' }],
      text: 'Invoice attached.',
      html: '<p>Invoice <b>attached</b>.</p>',
      flags: [],
      hasAttachments: true,
    });
    expect(output.headers).toContainEqual({ name: 'x-order', value: '7' });
    expect(output.attachments).toEqual([
      {
        filename: 'INV-7.csv',
        contentType: 'text/csv',
        size: 17,
        contentId: '',
        inline: false,
        content: Buffer.from('id,total\n7,42.50\n').toString('base64'),
      },
    ]);
    expect(Buffer.from(String(output.raw), 'base64').toString('binary')).toBe(inbox()?.messages[0]?.raw);
    expect(inbox()?.messages[0]?.flags).toEqual([]);

    const read = await run('messages.get', { mailbox: 'INBOX', uid: 1, includeAttachments: false, markSeen: true });
    expect(read.flags).toEqual(['\\Seen']);
    expect((read.attachments as Record<string, unknown>[])[0]).not.toHaveProperty('content');
    expect(inbox()?.messages[0]?.flags).toContain('\\Seen');
  });

  it('refuses a message over maxBytes, a missing UID and a stale UIDVALIDITY', async () => {
    const big = await mova.run('messages.get', { mailbox: 'INBOX', uid: 1, maxBytes: 100 }, { auth });
    expect(big).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(big.error?.message).toMatch(/over the download cap of 100 bytes/);
    const missing = await mova.run('messages.get', { mailbox: 'INBOX', uid: 99 }, { auth });
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
    const stale = await mova.run('messages.get', { mailbox: 'INBOX', uid: 1, uidValidity: 7 }, { auth });
    expect(stale).toMatchObject({ status: 'failed', error: { kind: 'conflict' } });
    expect(stale.error?.message).toMatch(/UIDVALIDITY of INBOX is now 1, not 7/);
  });
});

describe('messages.move, updateFlags, delete, append', () => {
  it('moves messages and reports their new UIDs', async () => {
    const output = await run('messages.move', {
      mailbox: 'INBOX',
      uids: [2, 1],
      destination: 'Archive',
      uidValidity: 1,
    });
    expect(output).toEqual({
      moved: [
        { uid: 2, newUid: 2 },
        { uid: 1, newUid: 1 },
      ],
      destinationUidValidity: 1,
    });
    expect(uidsIn('INBOX')).toEqual([]);
    expect(imap.server.getMailbox('Archive')?.messages.map((m) => m.raw)).toHaveLength(2);
    const missing = await mova.run('messages.move', { mailbox: 'INBOX', uids: [1], destination: 'Archive' }, { auth });
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
  });

  it('adds and removes flags and gives them back', async () => {
    const output = await run('messages.updateFlags', {
      mailbox: 'INBOX',
      uids: [1, 2],
      add: ['\\Flagged'],
      remove: ['\\Seen'],
    });
    expect(output).toEqual({
      messages: [
        { uid: 1, flags: ['\\Flagged'] },
        { uid: 2, flags: ['\\Flagged'] },
      ],
    });
    expect(inbox()?.messages.map((m) => m.flags)).toEqual([['\\Flagged'], ['\\Flagged']]);
    const nothing = await mova.run('messages.updateFlags', { mailbox: 'INBOX', uids: [1] }, { auth });
    expect(nothing).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });

  it('deletes to Trash, or expunges with permanent', async () => {
    expect(await run('messages.delete', { mailbox: 'INBOX', uids: [1, 42] })).toEqual({
      deleted: [1],
      movedTo: 'Trash',
    });
    expect(uidsIn('INBOX')).toEqual([2]);
    expect(imap.server.getMailbox('Trash')?.messages).toHaveLength(1);
    expect(await run('messages.delete', { mailbox: 'INBOX', uids: [2], permanent: true })).toEqual({
      deleted: [2],
      movedTo: null,
    });
    expect(uidsIn('INBOX')).toEqual([]);
    expect(imap.server.getMailbox('Trash')?.messages).toHaveLength(1);
    expect(await run('messages.delete', { mailbox: 'Trash', uids: [1] })).toEqual({ deleted: [1], movedTo: null });
    expect(uidsIn('Trash')).toEqual([]);
  });

  it('appends a message with flags and reports its UID', async () => {
    const raw = await compose({
      from: USER,
      to: 'ada@example.net',
      subject: 'Sent copy',
      text: 'Hi',
      attachments: [{ filename: 'a.bin', content: Buffer.from([0, 1, 2, 255]) }],
    });
    const output = await run('messages.append', {
      mailbox: 'Sent',
      message: Buffer.from(raw, 'binary').toString('base64'),
      encoding: 'base64',
      flags: ['\\Seen'],
      receivedAt: '2025-03-06T08:00:00Z',
    });
    expect(output).toEqual({ mailbox: 'Sent', uid: 1, uidValidity: 1 });
    const [stored] = imap.server.getMailbox('Sent')?.messages ?? [];
    expect(stored?.flags).toEqual(['\\Seen']);
    const parsed = await simpleParser(Buffer.from(stored?.raw ?? '', 'binary'));
    expect(parsed.subject).toBe('Sent copy');
    expect([...(parsed.attachments[0]?.content ?? [])]).toEqual([0, 1, 2, 255]);
    const fetched = await run('messages.get', { mailbox: 'Sent', uid: 1 });
    expect(fetched.receivedAt).toBe('2025-03-06T08:00:00.000Z');
    expect((fetched.attachments as { content: string }[])[0]?.content).toBe('AAEC/w==');
  });
});

describe('messages.new trigger', () => {
  it('records what exists, then emits each new message once, oldest first, and again after a UIDVALIDITY change', async () => {
    const first = await mova.poll('messages.new', { mailbox: 'INBOX' }, { auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });
    expect(first.state?.seen).toEqual(['1:1', '1:2']);

    imap.server.appendMessage(
      'INBOX',
      [],
      '06-Mar-2025 10:00:00 +0000',
      await compose({ from: 'a@example.net', to: USER, subject: 'Three', text: '3' }),
    );
    imap.server.appendMessage(
      'INBOX',
      [],
      '06-Mar-2025 10:00:01 +0000',
      await compose({ from: 'orders@supplier.example', to: USER, subject: 'Four', text: '4' }),
    );
    const second = await mova.poll('messages.new', { mailbox: 'INBOX' }, { auth, state: first.state });
    expect(second.items).toMatchObject([
      { id: '1:3', uid: 3, uidValidity: 1, subject: 'Three', mailbox: 'INBOX' },
      { id: '1:4', uid: 4, subject: 'Four', from: [{ address: 'orders@supplier.example' }] },
    ]);
    const third = await mova.poll('messages.new', { mailbox: 'INBOX' }, { auth, state: second.state });
    expect(third.items).toEqual([]);

    // Criteria narrow what counts as new.
    const filtered = await mova.poll(
      'messages.new',
      { mailbox: 'INBOX', from: 'orders@supplier.example', unseen: true },
      { auth, state: first.state },
    );
    expect(filtered.items).toMatchObject([{ uid: 4 }]);

    // The server renumbered the mailbox: UID 3 under the new UIDVALIDITY is not the old UID 3.
    const box = inbox();
    if (box) box.uidvalidity = 2;
    const renumbered = await mova.poll('messages.new', { mailbox: 'INBOX', limit: 2 }, { auth, state: third.state });
    expect(renumbered.items).toMatchObject([{ id: '2:3' }, { id: '2:4' }]);
  });
});

describe('connections', () => {
  it('logs in with XOAUTH2, over STARTTLS, and maps failures', async () => {
    await run('messages.search', { mailbox: 'INBOX' }, { ...auth, password: undefined, accessToken: ACCESS_TOKEN });
    const wrong = await mova.run('messages.search', { mailbox: 'INBOX' }, { auth: { ...auth, password: 'wrong' } });
    expect(wrong).toMatchObject({ status: 'failed', error: { kind: 'auth' } });
    const { ca: _ca, ...untrusted } = auth;
    const cert = await mova.run('mailboxes.list', {}, { auth: untrusted });
    expect(cert).toMatchObject({ status: 'failed', error: { kind: 'auth' } });
    expect(cert.error?.message).toMatch(/certificate/);

    const starttls = await startImap('starttls');
    const plain = await startImap('plain');
    try {
      const upgraded = await run('mailboxes.list', {}, { ...auth, port: starttls.port, security: 'starttls' });
      expect(upgraded.mailboxes).toHaveLength(4);
      const refused = await mova.run(
        'mailboxes.list',
        {},
        { auth: { ...auth, port: plain.port, security: 'starttls' } },
      );
      expect(refused).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
      expect(refused.error?.message).toMatch(/STARTTLS/);
      await run('mailboxes.list', {}, { ...auth, port: plain.port, security: 'none' });
    } finally {
      await Promise.all([starttls.close(), plain.close()]);
    }
  });

  it('validate() logs in, and reports a wrong password as auth', async () => {
    await expect(testConnection(connector, auth)).resolves.toBeUndefined();
    await expect(testConnection(connector, { ...auth, password: 'nope' })).rejects.toMatchObject({ kind: 'auth' });
  });
});
