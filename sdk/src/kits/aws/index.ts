/**
 * `@mova/sdk/aws`: the AWS kit. The connection fields every AWS connector shares (access key,
 * session token, region, custom endpoint, assumed role), the client configuration they make, and
 * the mapping of AWS error codes to ConnectorError kinds. It depends on no AWS package: a
 * connector passes `fromTemporaryCredentials` in for assumed roles.
 */
export {
  type AssumeRole,
  type AssumeRoleOptions,
  type AwsClientConfig,
  type AwsClientConfigOptions,
  type AwsCredentialProvider,
  type AwsCredentials,
  awsClientConfig,
} from './client-config.js';
export { AWS_ERROR_CODES, type AwsErrorMappingOptions, awsErrorMapping, readAwsFailure } from './errors.js';
export { AWS_CONNECTION_HOSTS, AWS_HOSTS, type AwsConnection, awsConnectionFields } from './fields.js';
