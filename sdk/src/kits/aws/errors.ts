import { type ErrorMapping, errnoCode, errorMapping, type VendorFailure } from '../../error-mapping.js';
import type { ConnectorErrorKind } from '../../errors.js';

/**
 * AWS error codes (the exception's `name`, the `Code` of an XML error) whose meaning is clearer
 * than their HTTP status. Service-specific ones come from the connector (`codes`).
 */
export const AWS_ERROR_CODES: Readonly<Record<string, ConnectorErrorKind>> = {
  // Throttling, as the SDK's own retry strategy lists it (@smithy/service-error-classification).
  Throttling: 'rate_limit',
  ThrottlingException: 'rate_limit',
  ThrottledException: 'rate_limit',
  RequestThrottled: 'rate_limit',
  RequestThrottledException: 'rate_limit',
  TooManyRequestsException: 'rate_limit',
  RequestLimitExceeded: 'rate_limit',
  ProvisionedThroughputExceededException: 'rate_limit',
  BandwidthLimitExceeded: 'rate_limit',
  SlowDown: 'rate_limit',
  EC2ThrottledException: 'rate_limit',
  // Credentials and permissions.
  AccessDenied: 'auth',
  AccessDeniedException: 'auth',
  InvalidAccessKeyId: 'auth',
  InvalidClientTokenId: 'auth',
  UnrecognizedClientException: 'auth',
  SignatureDoesNotMatch: 'auth',
  IncompleteSignature: 'auth',
  InvalidSignatureException: 'auth',
  MissingAuthenticationToken: 'auth',
  ExpiredToken: 'auth',
  ExpiredTokenException: 'auth',
  InvalidToken: 'auth',
  AuthFailure: 'auth',
  AuthorizationError: 'auth',
  CredentialsProviderError: 'auth',
  // What the request names does not exist.
  NotFound: 'not_found',
  NoSuchKey: 'not_found',
  NoSuchBucket: 'not_found',
  NoSuchVersion: 'not_found',
  NoSuchUpload: 'not_found',
  ResourceNotFoundException: 'not_found',
  NotFoundException: 'not_found',
  // State the request did not expect.
  ConditionalCheckFailedException: 'conflict',
  TransactionConflictException: 'conflict',
  PreconditionFailed: 'conflict',
  BucketAlreadyExists: 'conflict',
  BucketAlreadyOwnedByYou: 'conflict',
  ResourceConflictException: 'conflict',
  ResourceInUseException: 'conflict',
  // The request itself is wrong, or sent to the wrong region.
  ValidationException: 'invalid_input',
  ValidationError: 'invalid_input',
  SerializationException: 'invalid_input',
  InvalidParameter: 'invalid_input',
  InvalidParameterValue: 'invalid_input',
  InvalidParameterException: 'invalid_input',
  InvalidParameterValueException: 'invalid_input',
  InvalidArgument: 'invalid_input',
  InvalidRequest: 'invalid_input',
  MalformedQueryString: 'invalid_input',
  MissingParameter: 'invalid_input',
  PermanentRedirect: 'invalid_input',
  AuthorizationHeaderMalformed: 'invalid_input',
  // The service's side, or the wire.
  InternalError: 'transient',
  InternalFailure: 'transient',
  InternalServerError: 'transient',
  ServiceUnavailable: 'transient',
  ServiceUnavailableException: 'transient',
  RequestTimeout: 'transient',
  RequestTimeoutException: 'transient',
  TimeoutError: 'transient',
};

const AWS_HINTS: Readonly<Record<string, string>> = {
  AccessDenied:
    "The credentials are valid but their IAM policy does not allow this call; grant the action on the resource (or check the role's trust policy and externalId).",
  AccessDeniedException:
    "The credentials are valid but their IAM policy does not allow this call; grant the action on the resource (or check the role's trust policy and externalId).",
  InvalidAccessKeyId: 'AWS does not know this access key ID: check accessKeyId, and that the key is active.',
  InvalidClientTokenId: 'AWS does not know this access key ID: check accessKeyId, and that the key is active.',
  UnrecognizedClientException: 'AWS does not know this access key ID: check accessKeyId, and that the key is active.',
  SignatureDoesNotMatch: 'The request signature did not match: check secretAccessKey (and sessionToken).',
  InvalidSignatureException: 'The request signature did not match: check secretAccessKey (and sessionToken).',
  ExpiredToken: 'The temporary credentials expired: give a fresh sessionToken, or long-lived keys with roleArn.',
  ExpiredTokenException:
    'The temporary credentials expired: give a fresh sessionToken, or long-lived keys with roleArn.',
  CredentialsProviderError: 'The credentials could not be obtained: check the keys, roleArn and externalId.',
  PermanentRedirect: "The bucket is in another region: set the connection's region to the bucket's.",
  AuthorizationHeaderMalformed:
    "The request was signed for the wrong region: set the connection's region to the resource's.",
  SlowDown: 'S3 asks to slow down: spread requests over more key prefixes, or retry later.',
  ProvisionedThroughputExceededException:
    "The table's provisioned throughput is exhausted: retry later, or raise its capacity (or use on-demand).",
};

/**
 * What an AWS SDK v3 client threw, as the SDK's error mapping reads it: the exception's name
 * (the service's error code), `$metadata.httpStatusCode`, its message and `Retry-After` when the
 * answer had one. Socket failures are left to the mapping's own recognition.
 */
export function readAwsFailure(error: unknown): VendorFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const metadata = field(error, '$metadata');
  const status = typeof metadata === 'object' && metadata !== null ? field(metadata, 'httpStatusCode') : undefined;
  const known = error.name in AWS_ERROR_CODES;
  if (typeof status !== 'number' && !known) return undefined;
  if (typeof status !== 'number' && errnoCode(error) !== undefined) return undefined;
  const code = field(error, 'Code');
  return {
    status: typeof status === 'number' ? status : undefined,
    code: typeof code === 'string' && code ? code : error.name,
    vendorMessage: error.message || undefined,
    retryAfter: retryAfterOf(error),
    cause: error,
  };
}

export interface AwsErrorMappingOptions {
  /** How messages name the service: `Amazon S3 answered 404 NoSuchKey: …`. */
  vendor: string;
  /** The service's own codes, checked before the shared ones. */
  codes?: Readonly<Record<string, ConnectorErrorKind>>;
  /** Hints by code, checked before the shared ones. */
  hints?: Readonly<Record<string, string>>;
}

/**
 * The error mapping of one AWS service: the shared table of AWS error codes, the service's own,
 * and HTTP statuses for the rest (5xx transient, 429 rate limit with `Retry-After` kept).
 *
 * @example
 * const s3Errors = awsErrorMapping({ vendor: 'Amazon S3', codes: { InvalidObjectState: 'conflict' } });
 * const head = await s3Errors.call(ctx.actionKey, () => s3.send(new HeadObjectCommand(input)));
 */
export function awsErrorMapping(options: AwsErrorMappingOptions): ErrorMapping {
  return errorMapping({
    vendor: options.vendor,
    read: readAwsFailure,
    codes: { ...AWS_ERROR_CODES, ...options.codes },
    hints: { codes: { ...AWS_HINTS, ...options.hints } },
  });
}

function retryAfterOf(error: Error): string | undefined {
  const response = field(error, '$response');
  const headers = typeof response === 'object' && response !== null ? field(response, 'headers') : undefined;
  if (typeof headers !== 'object' || headers === null) return undefined;
  const value = field(headers, 'retry-after') ?? field(headers, 'Retry-After');
  return typeof value === 'string' ? value : undefined;
}

function field(value: object, key: string): unknown {
  return key in value ? (value as Record<string, unknown>)[key] : undefined;
}
