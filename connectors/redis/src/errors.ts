import { type ConnectorError, type ConnectorErrorKind, errorMapping } from '@mova/sdk';

// Redis replies start with an upper-case error code (RESP "simple error" convention).
const REPLY_KINDS: Record<string, ConnectorErrorKind> = {
  NOAUTH: 'auth',
  WRONGPASS: 'auth',
  NOPERM: 'auth',
  WRONGTYPE: 'invalid_input',
  ERR: 'invalid_input',
  LOADING: 'transient',
  BUSY: 'transient',
  TRYAGAIN: 'transient',
  MASTERDOWN: 'transient',
  CLUSTERDOWN: 'transient',
  READONLY: 'transient',
};

const HINTS: Partial<Record<ConnectorErrorKind, string>> = {
  auth: 'Check the username and password of the Redis connection (and the ACL rules for this user).',
  transient: 'Redis could not be reached or is busy; check the host and port, then retry.',
};

/**
 * ioredis failures as ConnectorErrors: Redis error replies by their code (the reply's first word),
 * socket failures and dropped connections as transient.
 */
export const redisErrors = errorMapping({
  vendor: 'Redis',
  codes: REPLY_KINDS,
  hints: { kinds: HINTS },
  read(error) {
    const message = error instanceof Error ? error.message : String(error);
    const failure = { vendorMessage: message, message: `Redis: ${message}`, cause: error };
    if (error instanceof Error && error.name === 'ReplyError') {
      if (message.startsWith('ERR max number of clients')) return { ...failure, kind: 'transient' };
      return { ...failure, code: message.split(' ', 1)[0] ?? '' };
    }
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
    return { ...failure, code, kind: isDropped(error, message) ? 'transient' : undefined };
  },
});

/** Classifies an ioredis failure: Redis error replies by their code, socket failures as transient. */
export function toConnectorError(error: unknown, actionKey?: string): ConnectorError {
  return redisErrors.toConnectorError(error, actionKey);
}

/** An abort, a timeout, or ioredis' own errors when the socket drops mid-call or a connect attempt times out. */
function isDropped(error: unknown, message: string): boolean {
  if (error instanceof Error && ['AbortError', 'TimeoutError', 'MaxRetriesPerRequestError'].includes(error.name)) {
    return true;
  }
  return /^(Connection is closed|connect ETIMEDOUT|Stream isn't writeable)/.test(message);
}
