import { type Static, Type } from '@sinclair/typebox';
import { serviceUrl } from '../../service-url.js';

/** Hosts of AWS's public service endpoints (regional, global, FIPS, virtual-hosted S3 buckets): a connector's `network.allow`. */
export const AWS_HOSTS: readonly string[] = ['*.amazonaws.com'];

/** Connection fields naming hosts (a custom endpoint, an STS endpoint): a connector's `network.connectionHosts`. */
export const AWS_CONNECTION_HOSTS: readonly string[] = ['endpoint', 'stsEndpoint'];

/**
 * The connection fields every AWS connector shares: an access key (long-lived, or temporary with a
 * session token), the region, an optional endpoint for S3-compatible stores and local emulators,
 * and an optional IAM role to assume with those keys. Spread into `Type.Object`, with fields of
 * the connector's own beside them.
 *
 * @example
 * const connectionFields = Type.Object({
 *   ...awsConnectionFields({ endpointExamples: 'a MinIO server (https://minio.internal:9000)' }),
 *   forcePathStyle: Type.Optional(Type.Boolean({ description: '...' })),
 * });
 */
export function awsConnectionFields(options: { endpointExamples?: string } = {}) {
  const examples = options.endpointExamples ? `, ${options.endpointExamples}` : '';
  return {
    accessKeyId: Type.String({
      minLength: 1,
      maxLength: 128,
      description: 'Access key ID of an IAM user or role session, e.g. AKIAIOSFODNN7EXAMPLE',
    }),
    secretAccessKey: Type.String({
      minLength: 1,
      maxLength: 128,
      writeOnly: true,
      description: 'Secret access key that belongs to the access key ID',
    }),
    sessionToken: Type.Optional(
      Type.String({
        minLength: 1,
        writeOnly: true,
        description: 'Session token, for temporary credentials (access keys starting with ASIA)',
      }),
    ),
    region: Type.String({
      pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
      default: 'us-east-1',
      description: 'AWS Region code the requests go to and are signed for, e.g. eu-west-1 (default us-east-1)',
    }),
    endpoint: Type.Optional(
      serviceUrl({
        description: `Custom endpoint instead of AWS's regional one: a VPC endpoint or an AWS-compatible service${examples}; plain http only on localhost`,
      }),
    ),
    roleArn: Type.Optional(
      Type.String({
        pattern: '^arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]+$',
        description:
          'ARN of an IAM role to assume with the access key (STS AssumeRole), e.g. arn:aws:iam::123456789012:role/mova-automation',
      }),
    ),
    externalId: Type.Optional(
      Type.String({
        pattern: '^[\\w+=,.@:/-]{2,1224}$',
        description: "External ID the role's trust policy requires, when it names one",
      }),
    ),
    roleSessionName: Type.Optional(
      Type.String({
        pattern: '^[\\w+=,.@-]{2,64}$',
        description: 'Session name shown in CloudTrail for the assumed role (default mova-<connector>)',
      }),
    ),
    stsEndpoint: Type.Optional(
      serviceUrl({
        description:
          "STS endpoint for AssumeRole, when not the region's (https://sts.<region>.amazonaws.com), e.g. an emulator's",
      }),
    ),
  };
}

const connectionSchema = Type.Object(awsConnectionFields());

/** A connection as the AWS kit reads it. */
export type AwsConnection = Static<typeof connectionSchema>;
