import { type ConnectorErrorKind, errorMapping, refineByBody } from '@mova/sdk';

/**
 * Trello answers most failures with a short plain-text body ("invalid id", "invalid token",
 * "unauthorized permission requested") and its rate limits with JSON `{ error, message }`
 * (developer.atlassian.com/cloud/trello/guides/rest-api/rate-limits/).
 */
const KIND_BY_CODE: Record<string, ConnectorErrorKind> = {
  API_TOKEN_LIMIT_EXCEEDED: 'rate_limit',
  API_KEY_LIMIT_EXCEEDED: 'rate_limit',
  API_TOKEN_DB_LIMIT_EXCEEDED: 'rate_limit',
  'invalid id': 'invalid_input',
  'invalid token': 'auth',
  'invalid key': 'auth',
  'unauthorized permission requested': 'auth',
  'unauthorized card permission requested': 'auth',
  'The requested resource was not found.': 'not_found',
  'model not found': 'not_found',
};

const HINT_BY_CODE: Record<string, string> = {
  'invalid token': 'The token was revoked or belongs to another API key: generate a new one for this key.',
  'unauthorized permission requested':
    'The token’s member cannot see or change this board: add them to the board, or use a token with write scope.',
  'invalid id': 'Trello IDs are 24 hexadecimal characters (boards also take their 8-character short link).',
};

function readBody(data: unknown): { code?: string; message?: string } {
  if (typeof data === 'string') return { code: data.trim(), message: data.trim() };
  if (typeof data !== 'object' || data === null) return {};
  const body = data as { error?: unknown; message?: unknown };
  return {
    code: typeof body.error === 'string' ? body.error : undefined,
    message: typeof body.message === 'string' ? body.message : undefined,
  };
}

/** The HTTP helper's errors, refined by Trello's body. */
export const trelloErrors = errorMapping({
  vendor: 'Trello',
  codes: KIND_BY_CODE,
  hints: { codes: HINT_BY_CODE },
  refine: refineByBody(readBody, (status, { message }) => `Trello answered ${status}${message ? `: ${message}` : ''}`),
});
