import { ConnectorError } from '@mova/sdk';
import { awsErrorMapping } from '@mova/sdk/aws';

/** Amazon S3's failures (its XML error codes) as ConnectorError kinds, on top of the shared AWS table. */
export const s3Errors = awsErrorMapping({
  vendor: 'Amazon S3',
  codes: {
    InvalidObjectState: 'conflict',
    OperationAborted: 'conflict',
    InvalidBucketName: 'invalid_input',
    EntityTooLarge: 'invalid_input',
    KeyTooLongError: 'invalid_input',
    MetadataTooLarge: 'invalid_input',
    InvalidStorageClass: 'invalid_input',
    IllegalLocationConstraintException: 'invalid_input',
    InvalidLocationConstraint: 'invalid_input',
    AllAccessDisabled: 'auth',
    RequestTimeTooSkewed: 'auth',
  },
  hints: {
    NoSuchBucket: 'No bucket has this name (in this account and region); check the bucket name.',
    NoSuchKey: 'No object has this key in the bucket; keys are case-sensitive and include any "folder/" prefix.',
    NotFound: 'No object has this key in the bucket; keys are case-sensitive and include any "folder/" prefix.',
    BucketAlreadyExists: 'Bucket names are global across all AWS accounts: pick another name.',
    BucketAlreadyOwnedByYou: 'You own a bucket of this name already.',
    InvalidObjectState: 'The object is archived (Glacier or Deep Archive): restore it before reading it.',
    RequestTimeTooSkewed: "The machine's clock is more than 15 minutes off AWS's: fix the clock.",
  },
});

/** The step's input cannot make a valid request. */
export function invalidInput(message: string, actionKey: string | undefined, hint?: string): ConnectorError {
  return new ConnectorError(message, { kind: 'invalid_input', actionKey }, hint);
}
