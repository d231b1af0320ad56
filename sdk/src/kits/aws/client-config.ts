import { ConnectorError } from '../../errors.js';
import { serviceUrlOf } from '../../service-url.js';
import type { AwsConnection } from './fields.js';

/** AWS credentials, as the SDK's `AwsCredentialIdentity` has them. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** A function the SDK calls for credentials when it signs (and again when they expire). */
export type AwsCredentialProvider = () => Promise<AwsCredentials>;

/** What an assumed-role provider is given: the shape of `fromTemporaryCredentials`'s options. */
export interface AssumeRoleOptions {
  params: { RoleArn: string; RoleSessionName: string; ExternalId?: string };
  masterCredentials: AwsCredentials;
  clientConfig: { region: string; endpoint?: string; maxAttempts?: number };
}

/**
 * Makes a credential provider for an assumed role. Pass `fromTemporaryCredentials` from
 * `@aws-sdk/credential-providers`: the kit itself depends on no AWS package.
 */
export type AssumeRole = (options: AssumeRoleOptions) => AwsCredentialProvider;

/** The part of an AWS SDK v3 client's configuration that a connection decides. */
export interface AwsClientConfig {
  region: string;
  endpoint?: string;
  credentials: AwsCredentials | AwsCredentialProvider;
  /** One attempt: the runtime's retry policy decides from the error kind whether a step runs again. */
  maxAttempts: number;
}

export interface AwsClientConfigOptions {
  /** Connector name, for the default role session name (`mova-<connector>`). */
  connector: string;
  /** Needed when the connection names a role: `fromTemporaryCredentials`. */
  assumeRole?: AssumeRole;
  actionKey?: string;
}

/**
 * The configuration of an AWS SDK client for a connection: region, endpoint (checked to be https,
 * or http on loopback), the access key, or a provider that assumes the connection's role with it.
 *
 * @example
 * import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
 * const s3 = new S3Client({
 *   ...awsClientConfig(connection, { connector: 'aws-s3', assumeRole: fromTemporaryCredentials }),
 *   forcePathStyle: connection.forcePathStyle,
 * });
 */
export function awsClientConfig(connection: AwsConnection, options: AwsClientConfigOptions): AwsClientConfig {
  const region = connection.region || 'us-east-1';
  const keys: AwsCredentials = {
    accessKeyId: required(connection.accessKeyId, 'accessKeyId', options.actionKey),
    secretAccessKey: required(connection.secretAccessKey, 'secretAccessKey', options.actionKey),
    ...(connection.sessionToken ? { sessionToken: connection.sessionToken } : {}),
  };
  const config: AwsClientConfig = { region, credentials: keys, maxAttempts: 1 };
  if (connection.endpoint) config.endpoint = endpointOf(connection.endpoint, 'endpoint', options.actionKey);
  if (connection.roleArn) {
    if (!options.assumeRole) {
      throw invalid('this connector cannot assume an IAM role: give the keys of the role itself', options.actionKey);
    }
    config.credentials = options.assumeRole({
      params: {
        RoleArn: connection.roleArn,
        RoleSessionName: connection.roleSessionName ?? `mova-${options.connector}`,
        ...(connection.externalId ? { ExternalId: connection.externalId } : {}),
      },
      masterCredentials: keys,
      clientConfig: {
        region,
        maxAttempts: 1,
        ...(connection.stsEndpoint
          ? { endpoint: endpointOf(connection.stsEndpoint, 'stsEndpoint', options.actionKey) }
          : {}),
      },
    });
  } else if (connection.externalId || connection.roleSessionName) {
    throw invalid('externalId and roleSessionName need roleArn, the role to assume', options.actionKey);
  }
  return config;
}

function required(value: string | undefined, field: string, actionKey: string | undefined): string {
  if (!value) throw invalid(`the AWS connection has no ${field}`, actionKey);
  return value;
}

function endpointOf(value: string, field: string, actionKey: string | undefined): string {
  try {
    return serviceUrlOf(value, value);
  } catch (cause) {
    throw new ConnectorError(
      `${field}: ${cause instanceof Error ? cause.message : String(cause)}`,
      { kind: 'invalid_input', actionKey, cause },
      'Give an https URL, or http://localhost:<port> for a local emulator.',
    );
  }
}

function invalid(message: string, actionKey: string | undefined): ConnectorError {
  return new ConnectorError(message, { kind: 'invalid_input', actionKey }, 'Fix the AWS connection.');
}
