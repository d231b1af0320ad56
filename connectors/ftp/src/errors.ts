import { type ConnectorErrorKind, errorMapping } from '@mova/sdk';

/** FTP reply codes (RFC 959, RFC 2228 for the 53x TLS ones) to kinds. */
const REPLY_KINDS: Record<string, ConnectorErrorKind> = {
  421: 'transient', // service not available, closing control connection
  425: 'transient', // cannot open data connection
  426: 'transient', // connection closed, transfer aborted
  450: 'transient', // file unavailable (busy)
  451: 'transient', // local error in processing
  452: 'rate_limit', // insufficient storage space
  500: 'invalid_input', // syntax error, command unrecognized
  501: 'invalid_input', // syntax error in parameters
  502: 'invalid_input', // command not implemented
  504: 'invalid_input', // command not implemented for that parameter
  530: 'auth', // not logged in
  532: 'auth', // need account for storing files
  534: 'auth', // request denied for policy reasons (TLS required)
  550: 'not_found', // file unavailable: not found, or no access
  551: 'invalid_input', // page type unknown
  552: 'rate_limit', // exceeded storage allocation
  553: 'invalid_input', // file name not allowed
};

/**
 * Whether an FTP failure says the path is missing: 550 as RFC 959 asks, or 450/451 with the file
 * system's words, as some servers (ftp-srv) answer.
 */
export function isMissing(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'FTPError') return false;
  const code = (error as { code?: unknown }).code;
  if (code === 550) return true;
  return (code === 450 || code === 451) && /no such file|not found|ENOENT|does not exist/i.test(error.message);
}

export const ftpErrors = errorMapping({
  vendor: 'FTP',
  read(error) {
    if (!(error instanceof Error)) return undefined;
    const code = (error as { code?: unknown }).code;
    // basic-ftp's FTPError carries the server's reply code; its message is the reply line.
    if (error.name === 'FTPError' && typeof code === 'number') {
      const failure = {
        code: String(code),
        vendorMessage: error.message,
        message: `FTP server answered ${error.message}`,
        cause: error,
      };
      if (isMissing(error)) return { ...failure, kind: 'not_found' as const };
      return failure;
    }
    if (/^Timeout/i.test(error.message)) return { kind: 'transient', vendorMessage: error.message, cause: error };
    if (
      /^(Client is closed|Server sent FIN packet unexpectedly|None of the available transfer strategies)/.test(
        error.message,
      )
    ) {
      return { kind: 'transient', vendorMessage: error.message, cause: error };
    }
    return undefined;
  },
  codes: REPLY_KINDS,
  hints: {
    codes: {
      530: "The server refused the login: check the connection's user name and password.",
      534: 'The server insists on TLS: set the connection’s `tls` to "explicit" (or "implicit").',
      550: 'Check the path: the server has no such file or folder, or does not let this user at it.',
    },
    kinds: {
      auth: "The server's TLS certificate or the login was refused: for a self-signed server put its certificate in `ca`.",
      transient: 'The FTP server could not be reached or dropped the connection; check the host and port, then retry.',
    },
  },
});
