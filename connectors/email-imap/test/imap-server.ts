import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import hoodiecrow, { type Hoodiecrow } from 'hoodiecrow-imap';
import MailComposer from 'nodemailer/lib/mail-composer';

// A real IMAP4rev1 server on loopback: hoodiecrow-imap (by imapflow's author), a scriptable
// in-memory server speaking the protocol of RFC 3501 with the extensions imapflow uses here
// (UIDPLUS, MOVE, SPECIAL-USE, CONDSTORE, ENABLE, ID, NAMESPACE, UNSELECT, LITERAL+, STARTTLS,
// AUTH=PLAIN, SASL-IR, AUTH=XOAUTH2). Its mailboxes are plain objects the test reads back.

export const USER = 'ada@example.com';
export const PASSWORD = 'imap-secret';
export const ACCESS_TOKEN = 'ya29.imap-token';
export const CERT = readFileSync(new URL('fixtures/server.crt', import.meta.url), 'utf8');
const KEY = readFileSync(new URL('fixtures/server.key', import.meta.url), 'utf8');

const PLUGINS = [
  'ID',
  'AUTH-PLAIN',
  'SASL-IR',
  'XOAUTH2',
  'SPECIAL-USE',
  'NAMESPACE',
  'IDLE',
  'UNSELECT',
  'ENABLE',
  'CONDSTORE',
  'LITERALPLUS',
  'UIDPLUS',
  'MOVE',
];

export interface ImapReference {
  port: number;
  server: Hoodiecrow;
  close(): Promise<void>;
}

/** Builds an RFC 5322 message with nodemailer's composer. */
export async function compose(mail: ConstructorParameters<typeof MailComposer>[0]): Promise<string> {
  const buffer = await new MailComposer(mail).compile().build();
  return buffer.toString('binary');
}

/** The seeded mailboxes: two messages in INBOX (one with an attachment), empty Archive, Sent, Trash. */
async function storage() {
  const invoice = await compose({
    from: 'Billing <billing@supplier.example>',
    to: USER,
    subject: 'Invoice INV-7',
    messageId: '<inv-7@supplier.example>',
    date: new Date('2025-03-04T09:00:00Z'),
    text: 'Invoice attached.',
    html: '<p>Invoice <b>attached</b>.</p>',
    headers: { 'X-Order': '7' },
    attachments: [{ filename: 'INV-7.csv', content: 'id,total\n7,42.50\n', contentType: 'text/csv' }],
  });
  const hello = await compose({
    from: 'Grace <grace@example.net>',
    to: USER,
    cc: 'team@example.com',
    subject: 'Lunch?',
    messageId: '<lunch@example.net>',
    date: new Date('2025-03-05T12:00:00Z'),
    text: 'Lunch on Friday?',
  });
  return {
    INBOX: {
      messages: [
        { raw: invoice, flags: [], internaldate: '04-Mar-2025 09:00:05 +0000' },
        { raw: hello, flags: ['\\Seen'], internaldate: '05-Mar-2025 12:00:02 +0000' },
      ],
    },
    '': {
      separator: '/',
      folders: {
        Archive: { 'special-use': '\\Archive' },
        Sent: { 'special-use': '\\Sent' },
        Trash: { 'special-use': '\\Trash' },
      },
    },
  };
}

/**
 * Starts a fresh server (its own mailboxes) on a free loopback port: `tls` speaks TLS from the
 * first byte, `starttls` offers STARTTLS, `plain` offers no TLS at all.
 */
export async function startImap(mode: 'tls' | 'starttls' | 'plain' = 'tls'): Promise<ImapReference> {
  const server = hoodiecrow({
    plugins: mode === 'starttls' ? [...PLUGINS, 'STARTTLS'] : PLUGINS,
    secureConnection: mode === 'tls',
    credentials: { key: KEY, cert: CERT },
    users: { [USER]: { password: PASSWORD, xoauth2: { accessToken: ACCESS_TOKEN, sessionTimeout: 3_600_000 } } },
    storage: await storage(),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, server, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
