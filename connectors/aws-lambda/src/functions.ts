import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { Type } from '@mova/sdk';

export const functionNameField = () =>
  Type.String({
    minLength: 1,
    maxLength: 170,
    description:
      'Function name (my-function), ARN (arn:aws:lambda:us-east-1:123456789012:function:my-function) or partial ARN',
  });

export const qualifierField = () =>
  Type.Optional(
    Type.String({
      pattern: '^(\\$LATEST|[A-Za-z0-9_-]+)$',
      maxLength: 128,
      description: 'A version number or alias (default $LATEST)',
    }),
  );

export const functionSummary = Type.Object({
  functionName: Type.String({ description: 'Function name' }),
  functionArn: Type.String({ description: 'Function ARN' }),
  runtime: Type.Optional(
    Type.String({ description: 'Runtime, e.g. nodejs22.x or python3.13 (absent for container images)' }),
  ),
  handler: Type.Optional(Type.String({ description: 'Handler, e.g. index.handler' })),
  description: Type.String({ description: 'Description' }),
  memorySize: Type.Integer({ description: 'Memory in MB' }),
  timeout: Type.Integer({ description: 'Timeout in seconds' }),
  lastModified: Type.String({ description: 'When the function was last updated (as Lambda gives it, ISO 8601)' }),
  version: Type.String({ description: 'Version, $LATEST for the unpublished one' }),
  packageType: Type.String({ description: 'Zip or Image' }),
  state: Type.Optional(Type.String({ description: 'Active, Pending, Inactive or Failed' })),
  architectures: Type.Array(Type.String(), { description: 'Instruction set architectures, e.g. x86_64 or arm64' }),
});

/** A function's configuration as the step outputs it. */
export function summaryOf(configuration: FunctionConfiguration | undefined) {
  const config = configuration ?? {};
  return {
    functionName: config.FunctionName ?? '',
    functionArn: config.FunctionArn ?? '',
    ...(config.Runtime ? { runtime: config.Runtime } : {}),
    ...(config.Handler ? { handler: config.Handler } : {}),
    description: config.Description ?? '',
    memorySize: config.MemorySize ?? 0,
    timeout: config.Timeout ?? 0,
    lastModified: config.LastModified ?? '',
    version: config.Version ?? '$LATEST',
    packageType: config.PackageType ?? 'Zip',
    ...(config.State ? { state: config.State } : {}),
    architectures: config.Architectures ?? ['x86_64'],
  };
}
