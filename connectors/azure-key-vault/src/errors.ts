import { AuthenticationError, AuthenticationRequiredError, CredentialUnavailableError } from '@azure/identity';
import { type ConnectorErrorKind, errorMapping, type VendorFailure } from '@mova/sdk';
import { type AzureRestErrorLike, entraIdFailure, isAzureRestError } from '@mova/sdk/azure';

const identity = { AuthenticationError, AuthenticationRequiredError, CredentialUnavailableError };

/** Key Vault error codes ("Azure Key Vault REST API error codes") whose meaning is finer than their status. */
const KIND_BY_CODE: Record<string, ConnectorErrorKind> = {
  SecretNotFound: 'not_found',
  NotFound: 'not_found',
  ObjectIsDeletedButRecoverable: 'conflict',
  ObjectIsBeingDeleted: 'conflict',
  ObjectIsBeingRecovered: 'conflict',
  Conflict: 'conflict',
  Forbidden: 'auth',
  AccessDenied: 'auth',
  Unauthorized: 'auth',
  ForbiddenByPolicy: 'auth',
  ForbiddenByFirewall: 'auth',
  Throttled: 'rate_limit',
  BadParameter: 'invalid_input',
};

const HINT_BY_CODE: Record<string, string> = {
  SecretNotFound: 'Check the secret name (and version); secrets.list shows what the vault holds.',
  ObjectIsDeletedButRecoverable:
    'A deleted secret of this name is kept for recovery: recover it with secrets.recover, or purge it with secrets.purge first.',
  Forbidden:
    'Give the app registration access: the "Key Vault Secrets Officer" role (or "Secrets User" to read) on the vault, or an access policy with the secret permissions this action needs.',
  ForbiddenByFirewall:
    "The vault's firewall does not allow this address; add it, or reach the vault through a private endpoint.",
  Throttled:
    'Key Vault is throttling this vault or app; retry later, or cache secrets instead of reading them on every run.',
};

/**
 * Key Vault's failures as ConnectorErrors: by error code, then status, keeping Azure's message and
 * Retry-After; Entra ID's token failures as auth (transient when the sign-in host is unreachable).
 */
export const vaultErrors = errorMapping({
  vendor: 'Azure Key Vault',
  codes: KIND_BY_CODE,
  hints: { codes: HINT_BY_CODE },
  fallback: 'transient',
  read(error) {
    if (isAzureRestError(error)) return restFailure(error);
    return entraIdFailure(error, identity);
  },
});

/** Runs one Key Vault call; its failure leaves as `vaultErrors` maps it. */
export function vaultCall<T>(actionKey: string, call: () => Promise<T>): Promise<T> {
  return vaultErrors.call(actionKey, call);
}

function restFailure(error: AzureRestErrorLike): VendorFailure {
  // The SDK keeps the body's error code and message, not its innererror: a reused name's 409
  // Conflict says "deleted but recoverable" only in words.
  const deletedButRecoverable = error.code === 'Conflict' && /deleted but recoverable/i.test(error.message);
  return {
    status: error.statusCode,
    code: deletedButRecoverable ? 'ObjectIsDeletedButRecoverable' : error.code,
    vendorMessage: error.message,
    retryAfter: error.response?.headers.get('retry-after'),
    message: error.statusCode ? undefined : `Azure Key Vault is unreachable: ${error.message}`,
    cause: error,
  };
}
