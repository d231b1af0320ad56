import { awsErrorMapping } from '@mova/sdk/aws';

/** AWS Lambda's failures (x-amzn-ErrorType) as ConnectorError kinds, on top of the shared AWS table. */
export const lambdaErrors = awsErrorMapping({
  vendor: 'AWS Lambda',
  codes: {
    InvalidRequestContentException: 'invalid_input',
    RequestTooLargeException: 'invalid_input',
    UnsupportedMediaTypeException: 'invalid_input',
    InvalidRuntimeException: 'invalid_input',
    InvalidZipFileException: 'invalid_input',
    ResourceNotReadyException: 'transient',
    ServiceException: 'transient',
    EC2ThrottledException: 'rate_limit',
    EC2UnexpectedException: 'transient',
    ENILimitReachedException: 'transient',
    SubnetIPAddressLimitReachedException: 'transient',
    EFSIOException: 'transient',
    EFSMountConnectivityException: 'transient',
    EFSMountTimeoutException: 'transient',
    SnapStartNotReadyException: 'transient',
    SnapStartTimeoutException: 'transient',
    KMSAccessDeniedException: 'auth',
    KMSDisabledException: 'conflict',
    KMSInvalidStateException: 'conflict',
    KMSNotFoundException: 'not_found',
    RecursiveInvocationException: 'conflict',
    PreconditionFailedException: 'conflict',
  },
  hints: {
    ResourceNotFoundException:
      'No function (or version or alias) has this name in this account and region; check the name, qualifier and region.',
    TooManyRequestsException:
      "The function's concurrency or the account's invocation rate is exhausted; retry later, or raise its reserved concurrency.",
    ResourceNotReadyException: 'The function is still being created or updated (State Pending); try again in a moment.',
    RequestTooLargeException:
      'The payload is over the limit: 6 MB for synchronous, 1 MB for asynchronous (Event) invocations.',
  },
});
