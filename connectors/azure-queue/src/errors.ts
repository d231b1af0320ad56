import { AuthenticationError, AuthenticationRequiredError, CredentialUnavailableError } from '@azure/identity';
import { RestError } from '@azure/storage-queue';
import { type ConnectorErrorKind, errorMapping } from '@mova/sdk';
import { entraIdFailure, storageFailure } from '@mova/sdk/azure';

const identity = { AuthenticationError, AuthenticationRequiredError, CredentialUnavailableError };

/** Queue service error codes (x-ms-error-code, "Queue service error codes") finer than their status. */
const KIND_BY_CODE: Record<string, ConnectorErrorKind> = {
  QueueNotFound: 'not_found',
  MessageNotFound: 'not_found',
  ResourceNotFound: 'not_found',
  QueueAlreadyExists: 'conflict',
  QueueBeingDeleted: 'conflict',
  QueueDisabled: 'conflict',
  PopReceiptMismatch: 'conflict',
  MessageTooLarge: 'invalid_input',
  InvalidMarker: 'invalid_input',
  OutOfRangeQueryParameterValue: 'invalid_input',
  AuthenticationFailed: 'auth',
  AuthorizationFailure: 'auth',
  AuthorizationPermissionMismatch: 'auth',
  AuthorizationResourceTypeMismatch: 'auth',
  InvalidAuthenticationInfo: 'auth',
  // Azure Storage signals throttling with 503 ServerBusy as well as 429.
  ServerBusy: 'rate_limit',
  OperationTimedOut: 'transient',
  InternalError: 'transient',
};

const HINT_BY_CODE: Record<string, string> = {
  QueueNotFound:
    'Check the queue name; queues.list shows the queues this connection can see, and queues.create makes one.',
  MessageNotFound:
    'The message is gone: deleted, expired, or its pop receipt is stale because it was received again; receive it again for a fresh popReceipt.',
  PopReceiptMismatch: 'The pop receipt is stale: the message was received or updated since; use the latest popReceipt.',
  QueueBeingDeleted:
    'The queue is being deleted; Azure takes at least 30 seconds before a queue of the same name can be created.',
  MessageTooLarge:
    'A message may hold at most 64 KiB (48 KiB of text once base64-encoded); put larger payloads in a blob and send its name.',
  AuthenticationFailed:
    "Check the connection: the account key or SAS is wrong or expired, or this machine's clock is off by more than 15 minutes.",
  AuthorizationPermissionMismatch:
    'The app registration lacks a data role: assign it "Storage Queue Data Contributor" (or "Storage Queue Data Message Sender"/"Processor") on the account or queue.',
  AuthorizationFailure:
    'The connection may not do this: a SAS lacks the permission or the queue service, or a firewall rule blocks this address.',
};

/**
 * Azure Queue Storage's failures as ConnectorErrors, the same way the azure-blob connector reads
 * Azure's: storage errors by x-ms-error-code, then status; Entra ID token failures as auth.
 */
export const queueErrors = errorMapping({
  vendor: 'Azure Queue Storage',
  codes: KIND_BY_CODE,
  hints: { codes: HINT_BY_CODE },
  // A RestError without a status never got an answer.
  fallback: 'transient',
  read(error) {
    if (error instanceof RestError) return storageFailure(error, 'Azure Queue Storage');
    return entraIdFailure(error, identity);
  },
});

/** Runs one Queue service call; its failure leaves as `queueErrors` maps it. */
export function queueCall<T>(actionKey: string, call: () => Promise<T>): Promise<T> {
  return queueErrors.call(actionKey, call);
}
