import { type ConnectorErrorKind, errorMapping } from '@mova/sdk';

/**
 * SFTP status codes (draft-ietf-secsh-filexfer-02, what OpenSSH speaks) that ssh2 puts on
 * `error.code`, and the string codes ssh2-sftp-client uses for its own checks.
 */
const CODES: Record<string, ConnectorErrorKind> = {
  2: 'not_found', // SSH_FX_NO_SUCH_FILE
  3: 'auth', // SSH_FX_PERMISSION_DENIED
  4: 'unknown', // SSH_FX_FAILURE: the server says no more
  5: 'invalid_input', // SSH_FX_BAD_MESSAGE
  6: 'transient', // SSH_FX_NO_CONNECTION
  7: 'transient', // SSH_FX_CONNECTION_LOST
  8: 'invalid_input', // SSH_FX_OP_UNSUPPORTED
  ENOENT: 'not_found',
  EACCES: 'auth',
  ENOTDIR: 'invalid_input',
  ERR_BAD_PATH: 'invalid_input',
  ERR_BAD_AUTH: 'auth',
  ERR_NOT_CONNECTED: 'transient',
  EXISTS: 'conflict',
  HOST_KEY: 'auth',
};

export const sftpErrors = errorMapping({
  vendor: 'SFTP',
  read(error) {
    if (!(error instanceof Error)) return undefined;
    const message = error.message;
    const code = (error as { code?: unknown }).code;
    const level = (error as { level?: unknown }).level;
    if (/authentication methods failed/i.test(message) || level === 'client-authentication') {
      return { code: 'ERR_BAD_AUTH', vendorMessage: message, cause: error };
    }
    if (/host key|host denied/i.test(message)) return { code: 'HOST_KEY', vendorMessage: message, cause: error };
    if (level === 'client-timeout' || /timed out while waiting for handshake/i.test(message)) {
      return { kind: 'transient', vendorMessage: message, cause: error };
    }
    if (/Remote host refused connection|Address lookup failed|reset the connection/.test(message)) {
      return {
        code: typeof code === 'string' ? code : 'ECONNREFUSED',
        kind: 'transient',
        vendorMessage: message,
        cause: error,
      };
    }
    if (typeof code === 'number' || typeof code === 'string') return { code, vendorMessage: message, cause: error };
    return undefined;
  },
  codes: CODES,
  hints: {
    codes: {
      ERR_BAD_AUTH: "The server refused the user name, password or key: check the connection's credentials.",
      HOST_KEY:
        "The server's host key does not match `hostFingerprint`: make sure it is the right server, then update the fingerprint.",
      2: 'Check the path: the server has no file or folder there.',
      3: 'The user may not do this there: check the permissions on the server.',
    },
    kinds: {
      transient: 'The SFTP server could not be reached or dropped the connection; check the host and port, then retry.',
    },
  },
});
