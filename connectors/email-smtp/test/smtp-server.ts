import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

// A real SMTP server (smtp-server, by nodemailer's author) on loopback: EHLO, STARTTLS, AUTH PLAIN,
// LOGIN and XOAUTH2, MAIL FROM/RCPT TO/DATA as RFC 5321 has them. Every message it takes is parsed
// back with mailparser, so tests check what a mailbox would receive: headers, bodies, attachments,
// and the envelope the client gave.

export const USER = 'mailer@example.com';
export const PASSWORD = 'correct horse battery staple';
export const ACCESS_TOKEN = 'ya29.test-access-token';
/** RCPT TO an address at this domain is refused with 550, as a server does for an unknown mailbox. */
export const REFUSED_DOMAIN = 'refused.example';

export const CERT = readFileSync(new URL('fixtures/server.crt', import.meta.url), 'utf8');
const KEY = readFileSync(new URL('fixtures/server.key', import.meta.url), 'utf8');

export interface Received {
  envelope: { from: string; to: string[] };
  user: string | undefined;
  secure: boolean;
  raw: Buffer;
  parsed: ParsedMail;
}

export interface SmtpReference {
  port: number;
  received: Received[];
  /** Authentication methods the clients used, in order. */
  logins: string[];
  close(): Promise<void>;
}

/**
 * Starts an SMTP server on a free loopback port. `mode` starttls offers STARTTLS and refuses AUTH
 * before it (as submission servers do); tls speaks TLS from the first byte; plain has no TLS at all.
 */
export async function startSmtp(mode: 'starttls' | 'tls' | 'plain'): Promise<SmtpReference> {
  const received: Received[] = [];
  const logins: string[] = [];
  const options: SMTPServerOptions = {
    secure: mode === 'tls',
    key: KEY,
    cert: CERT,
    disabledCommands: mode === 'plain' ? ['STARTTLS'] : [],
    allowInsecureAuth: mode === 'plain',
    authMethods: ['PLAIN', 'LOGIN', 'XOAUTH2'],
    size: 1024 * 1024,
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push(auth.method);
      const ok =
        auth.method === 'XOAUTH2'
          ? auth.username === USER && auth.accessToken === ACCESS_TOKEN
          : auth.username === USER && auth.password === PASSWORD;
      if (!ok) {
        const error = Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 });
        return callback(error);
      }
      callback(null, { user: auth.username });
    },
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith(`@${REFUSED_DOMAIN}`)) {
        return callback(
          Object.assign(new Error('5.1.1 Recipient address rejected: User unknown'), { responseCode: 550 }),
        );
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw, { keepCidLinks: true }).then(
          (parsed) => {
            received.push({
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              },
              user: typeof session.user === 'string' ? session.user : undefined,
              secure: session.secure,
              raw,
              parsed,
            });
            callback(null, `Ok: queued as Q${received.length}`);
          },
          (error: Error) => callback(error),
        );
      });
    },
  };
  // Logins are required on the TLS servers; the plain one is an open relay on a trusted network.
  if (mode === 'plain') options.authOptional = true;
  const server = new SMTPServer(options);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return { port, received, logins, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
