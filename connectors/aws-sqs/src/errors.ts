import { ConnectorError } from '@mova/sdk';
import { awsErrorMapping } from '@mova/sdk/aws';

/**
 * Amazon SQS's failures as ConnectorError kinds, on top of the shared AWS table. SQS answers in
 * AWS JSON and names the old query-protocol code too (x-amzn-query-error), which the SDK gives as
 * `Code`: both spellings are here.
 */
export const sqsErrors = awsErrorMapping({
  vendor: 'Amazon SQS',
  codes: {
    QueueDoesNotExist: 'not_found',
    'AWS.SimpleQueueService.NonExistentQueue': 'not_found',
    ReceiptHandleIsInvalid: 'invalid_input',
    MessageNotInflight: 'conflict',
    'AWS.SimpleQueueService.MessageNotInflight': 'conflict',
    InvalidMessageContents: 'invalid_input',
    InvalidAttributeName: 'invalid_input',
    InvalidAttributeValue: 'invalid_input',
    TooManyEntriesInBatchRequest: 'invalid_input',
    'AWS.SimpleQueueService.TooManyEntriesInBatchRequest': 'invalid_input',
    BatchEntryIdsNotDistinct: 'invalid_input',
    'AWS.SimpleQueueService.BatchEntryIdsNotDistinct': 'invalid_input',
    EmptyBatchRequest: 'invalid_input',
    InvalidBatchEntryId: 'invalid_input',
    BatchRequestTooLong: 'invalid_input',
    UnsupportedOperation: 'invalid_input',
    'AWS.SimpleQueueService.UnsupportedOperation': 'invalid_input',
    InvalidAddress: 'invalid_input',
    QueueDeletedRecently: 'conflict',
    QueueNameExists: 'conflict',
    OverLimit: 'rate_limit',
    RequestThrottled: 'rate_limit',
    KmsThrottled: 'rate_limit',
    KmsAccessDenied: 'auth',
    InvalidSecurity: 'auth',
  },
  hints: {
    QueueDoesNotExist: 'No queue has this URL or name in this account and region; check the queue and the region.',
    'AWS.SimpleQueueService.NonExistentQueue':
      'No queue has this URL or name in this account and region; check the queue and the region.',
    ReceiptHandleIsInvalid: 'Use the receiptHandle of the latest receive of the message.',
    MessageNotInflight:
      'The message is not being processed any more (its visibility timeout ran out); receive it again.',
    'AWS.SimpleQueueService.MessageNotInflight':
      'The message is not being processed any more (its visibility timeout ran out); receive it again.',
  },
});

/** The step's input cannot make a valid request. */
export function invalidInput(message: string, actionKey: string | undefined, hint?: string): ConnectorError {
  return new ConnectorError(message, { kind: 'invalid_input', actionKey }, hint);
}
