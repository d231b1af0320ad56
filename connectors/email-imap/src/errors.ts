import { type ConnectorErrorKind, errorMapping, type VendorFailure } from '@mova/sdk';

/**
 * IMAP response codes (RFC 5530, in brackets after NO/BAD) and imapflow's own error codes
 * (lib/errors.js), to kinds.
 */
const CODES: Record<string, ConnectorErrorKind> = {
  AUTHENTICATIONFAILED: 'auth',
  AUTHORIZATIONFAILED: 'auth',
  EXPIRED: 'auth',
  PRIVACYREQUIRED: 'auth',
  NOPERM: 'auth',
  NONEXISTENT: 'not_found',
  TRYCREATE: 'not_found',
  ALREADYEXISTS: 'conflict',
  INUSE: 'transient',
  UNAVAILABLE: 'transient',
  SERVERBUG: 'transient',
  LIMIT: 'rate_limit',
  OVERQUOTA: 'invalid_input',
  CANNOT: 'invalid_input',
  CLIENTBUG: 'invalid_input',
  APPENDLIMIT: 'invalid_input',
  TLS_REQUIRED: 'invalid_input',
  TLS_CERT: 'auth',
  NoConnection: 'transient',
  EConnectionClosed: 'transient',
  ClosedAfterConnectText: 'transient',
  ClosedAfterConnectTLS: 'transient',
  CONNECT_TIMEOUT: 'transient',
  GREETING_TIMEOUT: 'transient',
  UPGRADE_TIMEOUT: 'transient',
  ETIMEOUT: 'transient',
  LockTimeout: 'transient',
  ETHROTTLE: 'rate_limit',
  MissingServerExtension: 'invalid_input',
  InvalidSearchQuery: 'invalid_input',
  InvalidSequenceSet: 'invalid_input',
  InvalidMessageContent: 'invalid_input',
};

const HINTS: Record<string, string> = {
  AUTHENTICATIONFAILED:
    'The server refused the login: check username and password (or the access token), and that IMAP access is enabled for the account (some providers want an app password).',
  NONEXISTENT: 'No mailbox has this path: list them with mailboxes.list (paths are case-sensitive, except INBOX).',
  TRYCREATE: 'The destination mailbox does not exist: check its path with mailboxes.list.',
  TLS_REQUIRED: 'The server does not offer STARTTLS: use security tls (port 993), or none only on a trusted network.',
  TLS_CERT:
    "The server's TLS certificate was not trusted: set ca to its CA (or its self-signed certificate), or servername when it is issued for another name.",
};

function read(error: unknown): VendorFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const failure = error as {
    code?: unknown;
    serverResponseCode?: unknown;
    authenticationFailed?: unknown;
    tlsFailed?: unknown;
    responseText?: unknown;
    response?: unknown;
    responseStatus?: unknown;
  };
  const text =
    typeof failure.responseText === 'string' && failure.responseText
      ? failure.responseText
      : typeof failure.response === 'string' && failure.response
        ? failure.response
        : error.message;
  if (/certificate|self[- ]signed|CERT_|altnames/i.test(error.message)) {
    return {
      code: 'TLS_CERT',
      message: `IMAP TLS certificate was rejected: ${error.message}`,
      vendorMessage: error.message,
      cause: error,
    };
  }
  if (failure.tlsFailed === true) {
    return { code: 'TLS_REQUIRED', message: `IMAP: ${error.message}`, vendorMessage: error.message, cause: error };
  }
  if (failure.authenticationFailed === true) {
    return {
      code: typeof failure.serverResponseCode === 'string' ? failure.serverResponseCode : 'AUTHENTICATIONFAILED',
      kind: 'auth',
      message: `IMAP server refused the login: ${text}`,
      vendorMessage: text,
      cause: error,
    };
  }
  if (typeof failure.serverResponseCode === 'string') {
    return {
      code: failure.serverResponseCode,
      message: `IMAP server answered ${failure.responseStatus ?? 'NO'} [${failure.serverResponseCode}]: ${text}`,
      vendorMessage: text,
      cause: error,
    };
  }
  if (typeof failure.responseStatus === 'string') {
    // NO or BAD without a response code: the command was refused as given.
    return {
      kind: failure.responseStatus === 'BAD' ? 'invalid_input' : 'unknown',
      message: `IMAP server answered ${failure.responseStatus}: ${text}`,
      vendorMessage: text,
      cause: error,
    };
  }
  if (typeof failure.code === 'string' && failure.code in CODES) {
    return { code: failure.code, message: `IMAP: ${error.message}`, vendorMessage: error.message, cause: error };
  }
  return undefined;
}

export const imapErrors = errorMapping({
  vendor: 'IMAP',
  read,
  codes: CODES,
  hints: {
    codes: HINTS,
    kinds: {
      transient:
        'The IMAP server could not be reached or dropped the connection; check host, port and security, then retry.',
    },
  },
});
