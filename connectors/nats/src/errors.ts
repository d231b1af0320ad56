import { type ConnectorError, type ConnectorErrorKind, errorMapping, type VendorFailure } from '@mova/sdk';
import { isBrokerUnreachable, untrustedCertificate } from '@mova/sdk/messaging';

/** JetStream API error codes (`err_code`) that say more than their HTTP-like status. */
const API_CODES: Record<string, ConnectorErrorKind> = {
  10059: 'not_found', // stream not found
  10014: 'not_found', // consumer not found
  10071: 'conflict', // wrong last sequence (KV update/create with a stale revision)
  10058: 'conflict', // stream name already in use with a different configuration
  10148: 'conflict', // consumer already exists with a different configuration
  10060: 'conflict', // expected stream does not match
  10070: 'conflict', // wrong last msg id
  10077: 'rate_limit', // maximum messages exceeded (discard new)
  10047: 'rate_limit', // insufficient resources
};

const HINTS: Partial<Record<ConnectorErrorKind, string>> = {
  auth: "Check the connection's credentials, and the user's publish/subscribe permissions for this subject.",
  transient: 'The NATS server could not be reached or did not answer in time; check the servers URL, then retry.',
};

/**
 * nats.js failures through the SDK's error mapping: a JetStream API error by its `err_code`, then
 * its HTTP-like status; a refused TLS certificate says how to trust the server; error classes,
 * wrapped causes and socket codes are read by `classify`.
 */
const natsErrors = errorMapping({
  vendor: 'NATS',
  codes: API_CODES,
  hints: { kinds: HINTS },
  read: readFailure,
});

/** Classifies a nats.js failure by its error class, JetStream API status/code, or socket code. */
export function toConnectorError(error: unknown, actionKey?: string): ConnectorError {
  return natsErrors.toConnectorError(error, actionKey);
}

function readFailure(error: unknown): VendorFailure {
  const message = messageOf(error);
  const base = { message: `NATS: ${message}`, vendorMessage: message, cause: error };
  const untrusted = untrustedCertificate('NATS', 'server', error);
  if (untrusted) return untrusted;
  const api = apiError(error);
  if (api) return { ...base, code: api.code, status: api.status };
  const { kind, status, hint } = classify(error, message);
  return { ...base, kind, status, hint };
}

function classify(error: unknown, message: string): { kind: ConnectorErrorKind; status?: number; hint?: string } {
  const name = error instanceof Error ? error.name : '';
  const api = apiError(error);
  if (api) return { kind: natsErrors.kindOf(api), status: api.status };
  switch (name) {
    case 'AuthorizationError':
    case 'UserAuthenticationExpiredError':
    case 'PermissionViolationError':
      return { kind: 'auth' };
    case 'NoResponders':
    case 'NoRespondersError':
      return {
        kind: 'not_found',
        status: 503,
        hint: 'Nothing subscribes to that subject right now: check the subject, or that the service answering it runs.',
      };
    case 'TimeoutError':
    case 'ClosedConnectionError':
    case 'DrainingConnectionError':
    case 'AbortError':
      return { kind: 'transient' };
    case 'InvalidSubjectError':
    case 'InvalidArgumentError':
    case 'InvalidNameError':
      return { kind: 'invalid_input' };
    case 'JetStreamNotEnabled':
      return {
        kind: 'invalid_input',
        status: 503,
        hint: 'This server or account has no JetStream: enable it (nats-server -js).',
      };
  }
  if (error instanceof Error && error.cause !== undefined && error.cause !== error) {
    // RequestError and ConnectionError wrap what really happened.
    const inner = classify(error.cause, messageOf(error.cause));
    if (inner.kind !== 'unknown') return inner;
  }
  if (isBrokerUnreachable(error)) return { kind: 'transient' };
  if (/authorization violation|authentication/i.test(message)) return { kind: 'auth' };
  if (/^invalid (key|bucket|subject)/i.test(message)) return { kind: 'invalid_input' };
  if (name === 'ConnectionError') return { kind: 'transient' };
  return { kind: 'unknown' };
}

function apiError(error: unknown): { code: number; status: number } | undefined {
  if (!(error instanceof Error) || !('status' in error) || !('code' in error)) return undefined;
  const { code, status } = error as { code: unknown; status: unknown };
  return typeof code === 'number' && typeof status === 'number' ? { code, status } : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
