import type { VendorFailure } from '../../error-mapping.js';

/** What @azure/core-rest-pipeline's RestError carries, read by shape (the connector brings the Azure SDK). */
export interface AzureRestErrorLike extends Error {
  statusCode?: number;
  code?: string;
  response?: { headers: { get(name: string): string | undefined } };
}

/** Whether `error` is an Azure SDK RestError (by its name, so any copy of core-rest-pipeline counts). */
export function isAzureRestError(error: unknown): error is AzureRestErrorLike {
  return error instanceof Error && error.name === 'RestError';
}

/**
 * An Azure Storage RestError as a VendorFailure: its x-ms-error-code (from the body, or the header
 * for HEAD answers, which have no body), status, the first line of its message (Storage appends
 * RequestId/Time lines) and Retry-After. Without a status the request never got an answer.
 */
export function storageFailure(error: AzureRestErrorLike, vendor: string): VendorFailure {
  const code = error.code ?? error.response?.headers.get('x-ms-error-code') ?? undefined;
  const status = error.statusCode;
  const vendorMessage = error.message.split('\n')[0]?.trim() || undefined;
  return {
    status,
    code,
    vendorMessage,
    retryAfter: error.response?.headers.get('retry-after'),
    message: status ? undefined : `${vendor} is unreachable${vendorMessage ? `: ${vendorMessage}` : ''}`,
    cause: error,
  };
}

type ErrorClass<T> = abstract new (...args: never[]) => T;

/** @azure/identity's error classes, handed in by the connector: `import * as identity from '@azure/identity'`. */
export interface AzureIdentityErrors {
  AuthenticationError: ErrorClass<
    Error & { statusCode: number; errorResponse: { error: string; errorDescription: string } }
  >;
  AuthenticationRequiredError: ErrorClass<Error>;
  CredentialUnavailableError: ErrorClass<Error>;
}

/**
 * A Microsoft Entra ID token failure (a client secret credential's) as a VendorFailure: a refused
 * app registration is `auth`; an unreachable sign-in host is `transient` (MSAL reports it and a
 * refused secret through the same error types, told apart by the message). `undefined` for
 * anything else.
 *
 * @example
 * import { AuthenticationError, AuthenticationRequiredError, CredentialUnavailableError } from '@azure/identity';
 * const identity = { AuthenticationError, AuthenticationRequiredError, CredentialUnavailableError };
 * errorMapping({ vendor, read: (error) => entraIdFailure(error, identity) });
 */
export function entraIdFailure(error: unknown, identity: AzureIdentityErrors): VendorFailure | undefined {
  if (error instanceof identity.AuthenticationError) {
    return {
      kind: 'auth',
      status: error.statusCode,
      vendorMessage: error.errorResponse.errorDescription,
      message: `Microsoft Entra ID refused the app's credentials (${error.errorResponse.error})`,
      hint: 'Check tenantId, clientId and clientSecret; client secrets expire, so create a new one if needed.',
      cause: error,
    };
  }
  if (error instanceof identity.AuthenticationRequiredError || error instanceof identity.CredentialUnavailableError) {
    const unreachable = /network_error|ECONNRE|ETIMEDOUT|ENOTFOUND/.test(error.message);
    return {
      kind: unreachable ? 'transient' : 'auth',
      vendorMessage: error.message,
      message: unreachable
        ? 'Could not reach Microsoft Entra ID for a token'
        : 'Microsoft Entra ID did not issue a token',
      hint: unreachable ? undefined : 'Check tenantId, clientId and clientSecret; client secrets expire.',
      cause: error,
    };
  }
  return undefined;
}
