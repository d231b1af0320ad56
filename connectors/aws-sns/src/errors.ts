import { ConnectorError } from '@mova/sdk';
import { awsErrorMapping } from '@mova/sdk/aws';

/** Amazon SNS's failures (query-protocol XML error codes) as ConnectorError kinds, on top of the shared AWS table. */
export const snsErrors = awsErrorMapping({
  vendor: 'Amazon SNS',
  codes: {
    NotFound: 'not_found',
    EndpointDisabled: 'conflict',
    PlatformApplicationDisabled: 'conflict',
    Throttled: 'rate_limit',
    SubscriptionLimitExceeded: 'rate_limit',
    TopicLimitExceeded: 'rate_limit',
    FilterPolicyLimitExceeded: 'rate_limit',
    KMSThrottling: 'rate_limit',
    AuthorizationError: 'auth',
    KMSAccessDenied: 'auth',
    InvalidParameter: 'invalid_input',
    ParameterValueInvalid: 'invalid_input',
    OptedOut: 'invalid_input',
    BatchEntryIdsNotDistinct: 'invalid_input',
    TooManyEntriesInBatchRequest: 'invalid_input',
    EmptyBatchRequest: 'invalid_input',
    InvalidBatchEntryId: 'invalid_input',
    BatchRequestTooLong: 'invalid_input',
    InvalidSecurity: 'auth',
    ConcurrentAccess: 'conflict',
    StaleTag: 'conflict',
  },
  hints: {
    NotFound: 'No topic (or subscription) has this ARN in this account and region; check the ARN and the region.',
    AuthorizationError:
      "The credentials are valid but lack permission for this call (sns:Publish, sns:Subscribe…) on the topic, or the topic's access policy refuses them.",
    InvalidParameter:
      'SNS refused a parameter: a FIFO topic needs messageGroupId (and messageDeduplicationId unless content-based deduplication is on); a standard topic takes neither.',
    OptedOut: 'The phone number opted out of SMS from this account.',
  },
});

/** The step's input cannot make a valid request. */
export function invalidInput(message: string, actionKey: string | undefined, hint?: string): ConnectorError {
  return new ConnectorError(message, { kind: 'invalid_input', actionKey }, hint);
}
