import { type ConnectorErrorKind, errorMapping, refineByBody } from '@mova/sdk';

/**
 * Zendesk's `error` codes (developer.zendesk.com/api-reference/introduction/requests, "Response codes"
 * and the resources' pages), and the codes it puts in `details` per field, e.g. `DuplicateValue`.
 */
const KIND_BY_CODE: Record<string, ConnectorErrorKind> = {
  RecordNotFound: 'not_found',
  InvalidEndpoint: 'not_found',
  RecordInvalid: 'invalid_input',
  InvalidValue: 'invalid_input',
  BlankValue: 'invalid_input',
  unavailable: 'invalid_input',
  DuplicateValue: 'conflict',
  TakenValue: 'conflict',
  Forbidden: 'auth',
  'Couldn’t authenticate you': 'auth',
  "Couldn't authenticate you": 'auth',
  invalid_token: 'auth',
  APIRateLimitExceeded: 'rate_limit',
  TooManyRequests: 'rate_limit',
};

const HINT_BY_CODE: Record<string, string> = {
  RecordNotFound: 'Check the ID, and that the agent the connection acts as can see the record.',
  Forbidden: 'The connection’s agent lacks the role for this call (incremental exports need an admin).',
  DuplicateValue: 'A record with that value exists already: search for it instead of creating it.',
  "Couldn't authenticate you":
    'Check the email and API token (the email is the agent’s, and token access must be on in Admin Center).',
};

interface ZendeskErrorBody {
  error?: string | { title?: string; message?: string };
  description?: string;
  details?: Record<string, { description?: string; error?: string }[]>;
}

/** The first per-field detail code (`DuplicateValue` for a taken email) beats the general `RecordInvalid`. */
function readBody(data: unknown): { code?: string; message?: string } {
  if (typeof data !== 'object' || data === null) return {};
  const body = data as ZendeskErrorBody;
  const details = Object.values(body.details ?? {}).flat();
  const detail = details.find((d) => d.error && d.error in KIND_BY_CODE) ?? details[0];
  const code = detail?.error && detail.error in KIND_BY_CODE ? detail.error : undefined;
  const general = typeof body.error === 'string' ? body.error : body.error?.title;
  const message =
    detail?.description ??
    body.description ??
    (typeof body.error === 'object' ? body.error?.message : undefined) ??
    general;
  return { code: code ?? general, message };
}

/** The HTTP helper's errors, refined by Zendesk's error body. */
export const zendeskErrors = errorMapping({
  vendor: 'Zendesk',
  codes: KIND_BY_CODE,
  hints: { codes: HINT_BY_CODE },
  refine: refineByBody(
    readBody,
    (status, { code, message }) =>
      `Zendesk answered ${status}${code ? ` ${code}` : ''}${message && message !== code ? `: ${message}` : ''}`,
  ),
});
