import { ConnectorError } from '@mova/sdk';
import { awsErrorMapping } from '@mova/sdk/aws';

/** DynamoDB's failures as ConnectorError kinds, on top of the shared AWS table. */
export const dynamoErrors = awsErrorMapping({
  vendor: 'Amazon DynamoDB',
  codes: {
    TransactionCanceledException: 'conflict',
    LimitExceededException: 'rate_limit',
    ItemCollectionSizeLimitExceededException: 'invalid_input',
    DuplicateItemException: 'conflict',
  },
  hints: {
    ResourceNotFoundException:
      'No table (or index) of this name exists in this account and region, or it is still being created.',
    ConditionalCheckFailedException:
      'The condition expression was false for the item as stored: it changed, exists already, or does not exist.',
    ValidationException:
      "DynamoDB rejected the request: check the key's attribute names and types against the table's key schema, and that every #name and :value the expressions use is given.",
  },
});

/** The step's input cannot make a valid request. */
export function invalidInput(message: string, actionKey: string | undefined, hint?: string): ConnectorError {
  return new ConnectorError(message, { kind: 'invalid_input', actionKey }, hint);
}
