import { ApiException } from '@kubernetes/client-node';
import { type ConnectorErrorKind, errorMapping, type VendorFailure } from '@mova/sdk';

/**
 * The `reason` of the API server's Status object (`{"kind": "Status", "reason": "NotFound",
 * "message": …, "code": 404}`, Kubernetes API Concepts, "Response codes"), sharper than the status.
 */
const REASONS: Record<string, ConnectorErrorKind> = {
  NotFound: 'not_found',
  AlreadyExists: 'conflict',
  Conflict: 'conflict',
  Invalid: 'invalid_input',
  BadRequest: 'invalid_input',
  MethodNotAllowed: 'invalid_input',
  NotAcceptable: 'invalid_input',
  UnsupportedMediaType: 'invalid_input',
  RequestEntityTooLarge: 'invalid_input',
  Gone: 'invalid_input',
  Unauthorized: 'auth',
  Forbidden: 'auth',
  TooManyRequests: 'rate_limit',
  ServerTimeout: 'transient',
  Timeout: 'transient',
  ServiceUnavailable: 'transient',
  InternalError: 'transient',
};

function read(error: unknown): VendorFailure | undefined {
  if (!(error instanceof ApiException)) return undefined;
  const status: unknown = typeof error.body === 'string' ? parse(error.body) : error.body;
  const fields = typeof status === 'object' && status !== null ? Object.fromEntries(Object.entries(status)) : {};
  const headers: Record<string, string> = error.headers ?? {};
  const retryAfter = Object.entries(headers).find(([name]) => name.toLowerCase() === 'retry-after')?.[1];
  return {
    status: error.code,
    code: typeof fields.reason === 'string' && fields.reason ? fields.reason : undefined,
    vendorMessage:
      typeof fields.message === 'string' ? fields.message : error.code === 401 ? 'Unauthorized' : undefined,
    retryAfter,
    cause: error,
  };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 500) };
  }
}

export const kubernetesErrors = errorMapping({
  vendor: 'Kubernetes',
  read,
  codes: REASONS,
  statuses: { 422: 'invalid_input' },
  hints: {
    codes: {
      Forbidden:
        'The token’s user or service account lacks the RBAC permission (verb, resource, namespace) the message names.',
      Unauthorized: 'The token is missing, expired or not for this cluster.',
      NotFound: 'Check the name and the namespace.',
      AlreadyExists: 'An object of this name exists in the namespace; pick another name or delete it first.',
      Conflict:
        'The object changed meanwhile, or another field manager owns the fields: apply with force to take them over.',
    },
  },
});
