import { AuthenticationError, AuthenticationRequiredError, CredentialUnavailableError } from '@azure/identity';
import { RestError } from '@azure/storage-blob';
import { type ConnectorErrorKind, errorMapping, type VendorFailure } from '@mova/sdk';
import { entraIdFailure, storageFailure } from '@mova/sdk/azure';

const identity = { AuthenticationError, AuthenticationRequiredError, CredentialUnavailableError };

/** Storage error codes (x-ms-error-code) whose meaning is finer than their HTTP status. */
const KIND_BY_CODE: Record<string, ConnectorErrorKind> = {
  BlobNotFound: 'not_found',
  ContainerNotFound: 'not_found',
  ResourceNotFound: 'not_found',
  BlobAlreadyExists: 'conflict',
  ContainerAlreadyExists: 'conflict',
  SnapshotsPresent: 'conflict',
  ConditionNotMet: 'conflict',
  AuthenticationFailed: 'auth',
  AuthorizationFailure: 'auth',
  AuthorizationPermissionMismatch: 'auth',
  InvalidAuthenticationInfo: 'auth',
  // Azure Storage signals throttling with 503 ServerBusy as well as 429.
  ServerBusy: 'rate_limit',
  OperationTimedOut: 'transient',
  InternalError: 'transient',
};

const HINT_BY_CODE: Record<string, string> = {
  BlobNotFound: 'Check the container and blob names (they are case-sensitive); blobs.list shows what exists.',
  ContainerNotFound: 'Check the container name; containers.list shows the containers this connection can see.',
  BlobAlreadyExists: 'A blob with this name exists; set overwrite to true to replace it, or choose another name.',
  SnapshotsPresent: 'The blob has snapshots; set snapshots to "include" to delete them together with the blob.',
  ConditionNotMet: 'The blob changed while it was being read; run the step again.',
  AuthenticationFailed:
    "Check the connection: the account key or SAS is wrong or expired, or this machine's clock is off by more than 15 minutes.",
  AuthorizationFailure:
    'The connection may not do this: a SAS lacks the permission or resource type, or a firewall rule blocks this address.',
  AuthorizationPermissionMismatch:
    'The app registration lacks a data role: assign it "Storage Blob Data Contributor" (or Reader) on the account or container.',
};

/**
 * Azure's failures as ConnectorErrors: storage errors by their x-ms-error-code, then their
 * status, keeping the status, the code, the vendor's message and Retry-After; Entra ID's token
 * failures as auth (or transient when the token endpoint is unreachable).
 */
export const azureErrors = errorMapping({
  vendor: 'Azure Blob Storage',
  codes: KIND_BY_CODE,
  hints: { codes: HINT_BY_CODE },
  // A RestError without a status never got an answer.
  fallback: 'transient',
  read(error) {
    if (error instanceof RestError) return restFailure(error);
    return entraIdFailure(error, identity);
  },
});

/** Runs one Azure call; its failure leaves as `azureErrors` maps it. */
export function azureCall<T>(actionKey: string, call: () => Promise<T>): Promise<T> {
  return azureErrors.call(actionKey, call);
}

function restFailure(error: RestError): VendorFailure {
  // HEAD answers carry no body, so their code is only in the x-ms-error-code header.
  const code = error.code ?? error.response?.headers.get('x-ms-error-code') ?? undefined;
  if (rejectsApiVersion(error, code)) return unsupportedVersion(error);
  return storageFailure(error, 'Azure Blob Storage');
}

/**
 * Whether the service refused the REST API version (x-ms-version) the SDK sends, which it answers
 * with 400 InvalidHeaderValue like a malformed header the user supplied. Azure names the header
 * in the body's HeaderName, Azurite says "The API version … is not supported", and a HEAD answer
 * has no body to tell; the connector's only HEAD (Get Blob Properties) sends no header from the
 * step's input, so there the header can only be one the SDK set.
 */
function rejectsApiVersion(error: RestError, code: string | undefined): boolean {
  if (error.statusCode !== 400 || code !== 'InvalidHeaderValue') return false;
  const details: unknown = error.details;
  const headerName =
    typeof details === 'object' && details !== null && 'HeaderName' in details ? details.HeaderName : undefined;
  if (typeof headerName === 'string') return headerName.toLowerCase() === 'x-ms-version';
  if (/\bAPI version\b/i.test(error.message)) return true;
  return error.request?.method === 'HEAD';
}

/**
 * Neither the step's input nor the connection is at fault, and retrying cannot help, so the kind
 * is `unknown` (the runtime does not retry it); the hint names the fix: a newer service.
 */
function unsupportedVersion(error: RestError): VendorFailure {
  const sent = error.request?.headers.get('x-ms-version');
  const version = sent ? `API version ${sent}` : 'the API version';
  const service = error.request ? `The storage service at ${new URL(error.request.url).origin}` : 'The storage service';
  return {
    kind: 'unknown',
    status: 400,
    vendorMessage: error.message.split('\n')[0]?.trim() || undefined,
    message: `${service} does not support Blob ${version}, which this connector's Azure SDK sends (400 InvalidHeaderValue)`,
    hint: `Upgrade the storage service to one that supports ${version}: for Azurite, install its latest release (or start it with --skipApiVersionCheck); for Azure Stack Hub, update the stamp.`,
    cause: error,
  };
}
