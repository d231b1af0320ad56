import { type ConnectorErrorKind, errorMapping, type VendorFailure } from '@mova/sdk';

/** Nodemailer's own error codes (lib/errors.js), checked when the server gave no reply code. */
const CODES: Record<string, ConnectorErrorKind> = {
  EAUTH: 'auth',
  ENOAUTH: 'invalid_input',
  EOAUTH2: 'auth',
  ETLS: 'invalid_input',
  ECONNECTION: 'transient',
  ETIMEDOUT: 'transient',
  ESOCKET: 'transient',
  EDNS: 'transient',
  EENVELOPE: 'invalid_input',
  EMESSAGE: 'invalid_input',
  EPROTOCOL: 'unknown',
  ESTREAM: 'invalid_input',
  ECERT: 'auth',
};

const HINTS: Record<string, string> = {
  EAUTH:
    'The server refused the login: check username and password (or the access token), and that the account may send over SMTP (some providers want an app password).',
  ENOAUTH: 'Give a password or an access token with the username.',
  ETLS: 'The STARTTLS upgrade failed: check security (starttls needs a server that offers it) and the port.',
  ECERT:
    "The server's TLS certificate was not trusted: set ca to its CA (or its self-signed certificate), or servername when it is issued for another name.",
  EENVELOPE: 'Check the sender and recipient addresses; the server refused them.',
  ECONNECTION: 'The SMTP server could not be reached: check host, port and security (465 is tls, 587 is starttls).',
};

/**
 * The kind an SMTP reply code stands for (RFC 5321 §4.2, enhanced codes RFC 3463): 4xx are
 * temporary, 5xx permanent; logins (530, 534, 535) are auth.
 */
export function kindOfReply(code: number): ConnectorErrorKind {
  if (code === 530 || code === 534 || code === 535 || code === 538) return 'auth';
  if (code === 454) return 'transient'; // TLS not available or temporary authentication failure
  if (code === 452 || code === 451 || code === 450 || code === 421) return 'transient';
  if (code >= 400 && code < 500) return 'transient';
  if (code >= 500 && code < 600) return 'invalid_input';
  return 'unknown';
}

function read(error: unknown): VendorFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, responseCode, response } = error as { code?: unknown; responseCode?: unknown; response?: unknown };
  const words = typeof response === 'string' && response.length > 0 ? response : error.message;
  if (/certificate|self[- ]signed|CERT_|altnames/i.test(error.message)) {
    return {
      code: 'ECERT',
      message: `SMTP TLS certificate was rejected: ${error.message}`,
      vendorMessage: error.message,
      cause: error,
    };
  }
  if (typeof responseCode === 'number') {
    // A refused login or STARTTLS says more than its reply code; the rest go by the code.
    const during = code === 'EAUTH' ? ' to the login' : code === 'ETLS' ? ' to STARTTLS' : '';
    return {
      code: typeof code === 'string' ? code : undefined,
      kind: during ? CODES[String(code)] : kindOfReply(responseCode),
      message: `SMTP server answered ${responseCode}${during}: ${words}`,
      vendorMessage: words,
      cause: error,
    };
  }
  if (typeof code === 'string') {
    return { code, message: `SMTP: ${error.message}`, vendorMessage: error.message, cause: error };
  }
  return undefined;
}

export const smtpErrors = errorMapping({
  vendor: 'SMTP',
  read,
  codes: CODES,
  hints: {
    codes: HINTS,
    kinds: { transient: 'The SMTP server is busy or unreachable, or refused for now; retry later.' },
  },
});
