import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { testConnection } from '@mova/sdk';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import connector from '../src/index.js';
import { ACCESS_TOKEN, CERT, PASSWORD, REFUSED_DOMAIN, type SmtpReference, startSmtp, USER } from './smtp-server.js';

// Every action through the sandbox users run it in (worker thread, egress limited to the host the
// connection names), against real SMTP servers from smtp-server on loopback (smtp-server.ts):
// STARTTLS on a submission port, implicit TLS, and a plain relay. What they received is parsed back
// with mailparser and checked header by header, part by part, with the envelope.
let submission: SmtpReference;
let smtps: SmtpReference;
let relay: SmtpReference;
let mova: ConnectorUnderTest;
let auth: Record<string, unknown>;

beforeAll(async () => {
  [submission, smtps, relay] = await Promise.all([startSmtp('starttls'), startSmtp('tls'), startSmtp('plain')]);
  mova = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = {
    host: '127.0.0.1',
    port: submission.port,
    security: 'starttls',
    username: USER,
    password: PASSWORD,
    ca: CERT,
  };
});
afterAll(async () => {
  await mova?.close();
  await Promise.all([submission?.close(), smtps?.close(), relay?.close()]);
});
beforeEach(() => {
  for (const server of [submission, smtps, relay]) {
    server.received.length = 0;
    server.logins.length = 0;
  }
});

const { run } = actionCalls({ connector: () => mova, auth: () => auth });

describe('every example in the manifest', () => {
  it('sends, and the server receives what the example says', async () => {
    for (const action of mova.manifest.actions) {
      for (const example of action.examples) await run(action.key, example.input);
    }
    expect(submission.received).toHaveLength(2);
    const [invoice, raw] = submission.received;
    expect(invoice?.parsed.subject).toBe('Your invoice INV-1001');
    expect(invoice?.parsed.attachments[0]?.content.toString('base64')).toBe('JVBERi0xLjQKJcfsj6IK');
    expect(raw?.parsed.messageId).toBe('<alert-42@example.com>');
  });
});

describe('email.send', () => {
  it('sends text, HTML, attachments, cc, bcc, reply-to and headers over STARTTLS', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const output = await run('email.send', {
      from: 'Orders <orders@example.com>',
      to: ['Ada Lovelace <ada@example.net>', 'nobody@refused.example'],
      cc: ['grace@example.net'],
      bcc: ['audit@example.com'],
      replyTo: 'support@example.com',
      subject: 'Order 7 shipped ✓',
      text: 'Your order is on its way.',
      html: '<p>Your order is on its way.</p><img src="cid:logo@orders">',
      attachments: [
        { filename: 'order-7.csv', content: 'id,total\n7,42.50\n', encoding: 'text', contentType: 'text/csv' },
        { filename: 'logo.png', content: png.toString('base64'), encoding: 'base64', contentId: 'logo@orders' },
      ],
      headers: { 'X-Order': '7' },
      inReplyTo: '<q-7@example.net>',
      references: ['<q-7@example.net>'],
      priority: 'high',
    });
    expect(output).toMatchObject({
      accepted: ['ada@example.net', 'grace@example.net', 'audit@example.com'],
      rejected: [`nobody@${REFUSED_DOMAIN}`],
      response: '250 Ok: queued as Q1',
      envelope: {
        from: 'orders@example.com',
        to: ['ada@example.net', `nobody@${REFUSED_DOMAIN}`, 'grace@example.net', 'audit@example.com'],
      },
    });
    expect(output.messageId).toMatch(/^<.+@example\.com>$/);

    expect(submission.logins).toEqual(['PLAIN']);
    const [mail] = submission.received;
    expect(mail).toMatchObject({ user: USER, secure: true });
    // The envelope holds only the recipients the server accepted; bcc is in it but in no header.
    expect(mail?.envelope).toEqual({
      from: 'orders@example.com',
      to: ['ada@example.net', 'grace@example.net', 'audit@example.com'],
    });
    const parsed = mail?.parsed;
    expect(parsed?.messageId).toBe(output.messageId);
    expect(parsed?.from?.value).toEqual([{ address: 'orders@example.com', name: 'Orders' }]);
    expect(parsed?.subject).toBe('Order 7 shipped ✓');
    expect(parsed?.text?.trim()).toBe('Your order is on its way.');
    expect(parsed?.html).toBe('<p>Your order is on its way.</p><img src="cid:logo@orders">');
    expect(parsed?.headers.get('reply-to')).toMatchObject({ text: 'support@example.com' });
    expect(parsed?.headers.get('cc')).toMatchObject({ text: 'grace@example.net' });
    expect(parsed?.headers.has('bcc')).toBe(false);
    expect(parsed?.headers.get('x-order')).toBe('7');
    expect(mail?.raw.toString('utf8')).toMatch(/^Importance: High\r$/m);
    expect(mail?.raw.toString('utf8')).toMatch(/^X-Priority: 1 \(Highest\)\r$/m);
    expect(parsed?.inReplyTo).toBe('<q-7@example.net>');
    expect(parsed?.references).toBe('<q-7@example.net>');
    const named = (filename: string) => parsed?.attachments.find((file) => file.filename === filename);
    expect(parsed?.attachments).toHaveLength(2);
    const csv = named('order-7.csv');
    const logo = named('logo.png');
    expect(csv).toMatchObject({ filename: 'order-7.csv', contentType: 'text/csv' });
    expect(csv?.content.toString('utf8')).toBe('id,total\n7,42.50\n');
    expect(logo).toMatchObject({ filename: 'logo.png', contentType: 'image/png', cid: 'logo@orders' });
    expect(logo?.content.equals(png)).toBe(true);
  });

  it('fails without sending when the server refuses every recipient', async () => {
    const result = await mova.run(
      'email.send',
      { from: 'orders@example.com', to: [`a@${REFUSED_DOMAIN}`], subject: 'x', text: 'x' },
      { auth },
    );
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(result.error?.message).toMatch(/550.*User unknown/);
    expect(submission.received).toHaveLength(0);
  });

  it('refuses a message with no body, and base64 that is not', async () => {
    const empty = await mova.run(
      'email.send',
      { from: 'a@example.com', to: ['b@example.net'], subject: 's' },
      { auth },
    );
    expect(empty).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    const bad = await mova.run(
      'email.send',
      {
        from: 'a@example.com',
        to: ['b@example.net'],
        subject: 's',
        text: 't',
        attachments: [{ filename: 'x.bin', content: 'not base64!', encoding: 'base64' }],
      },
      { auth },
    );
    expect(bad).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(submission.received).toHaveLength(0);
  });

  it('logs in with XOAUTH2 over implicit TLS', async () => {
    const oauth = {
      host: '127.0.0.1',
      port: smtps.port,
      security: 'tls',
      username: USER,
      accessToken: ACCESS_TOKEN,
      ca: CERT,
    };
    await run('email.send', { from: USER, to: ['ada@example.net'], subject: 'Hi', text: 'over SMTPS' }, oauth);
    expect(smtps.logins).toEqual(['XOAUTH2']);
    expect(smtps.received[0]).toMatchObject({
      user: USER,
      secure: true,
      envelope: { from: USER, to: ['ada@example.net'] },
    });
  });

  it('sends through a relay without login or TLS', async () => {
    const open = { host: '127.0.0.1', port: relay.port, security: 'none' };
    await run(
      'email.send',
      { from: 'cron@example.com', to: ['ops@example.net'], subject: 'Nightly', text: 'ok' },
      open,
    );
    expect(relay.logins).toEqual([]);
    expect(relay.received[0]).toMatchObject({ user: undefined, secure: false });
  });

  it('maps a refused login to auth, a missing STARTTLS and an untrusted certificate to clear errors', async () => {
    const wrong = await mova.run(
      'email.send',
      { from: USER, to: ['a@example.net'], subject: 's', text: 't' },
      {
        auth: { ...auth, password: 'wrong' },
      },
    );
    expect(wrong).toMatchObject({ status: 'failed', error: { kind: 'auth' } });
    expect(wrong.error?.message).toMatch(/535/);

    const noTls = await mova.run(
      'email.send',
      { from: USER, to: ['a@example.net'], subject: 's', text: 't' },
      {
        auth: { ...auth, port: relay.port },
      },
    );
    expect(noTls).toMatchObject({ status: 'failed' });
    expect(noTls).toMatchObject({ error: { kind: 'invalid_input' } });
    expect(noTls.error?.message).toMatch(/answered 500 to STARTTLS/);

    const { ca: _ca, ...untrusted } = auth;
    const cert = await mova.run(
      'email.send',
      { from: USER, to: ['a@example.net'], subject: 's', text: 't' },
      {
        auth: untrusted,
      },
    );
    expect(cert).toMatchObject({ status: 'failed', error: { kind: 'auth' } });
    expect(cert.error?.message).toMatch(/certificate/i);
    expect(submission.received).toHaveLength(0);
    expect(relay.received).toHaveLength(0);
  });
});

describe('email.sendRaw', () => {
  it('sends the message bytes as given, to the envelope recipients', async () => {
    const message =
      'From: a@example.com\r\nTo: list@example.net\r\nSubject: Raw\r\nMessage-ID: <raw-1@example.com>\r\n\r\nbody\r\n';
    const output = await run('email.sendRaw', {
      message: Buffer.from(message).toString('base64'),
      encoding: 'base64',
      envelopeFrom: 'bounces@example.com',
      envelopeTo: ['member@example.net'],
    });
    expect(output).toMatchObject({ messageId: '<raw-1@example.com>', accepted: ['member@example.net'], rejected: [] });
    const [mail] = submission.received;
    expect(mail?.envelope).toEqual({ from: 'bounces@example.com', to: ['member@example.net'] });
    expect(mail?.raw.toString('utf8')).toBe(message);
  });
});

describe('validate()', () => {
  it('logs in without sending, and reports a wrong password as auth', async () => {
    await expect(testConnection(connector, auth)).resolves.toBeUndefined();
    expect(submission.logins).toEqual(['PLAIN']);
    expect(submission.received).toHaveLength(0);
    await expect(testConnection(connector, { ...auth, password: 'nope' })).rejects.toMatchObject({ kind: 'auth' });
  });
});
