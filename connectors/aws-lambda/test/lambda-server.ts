// A loopback AWS Lambda for the conformance tests: no Lambda emulator installs from npm or Debian
// here, so the control and invoke API is served from the Lambda API Reference (REST-JSON), with the
// functions' code as JavaScript handlers the test gives:
// - Invoke (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html):
//   POST /2015-03-31/functions/{FunctionName}/invocations?Qualifier=, headers X-Amz-Invocation-Type
//   (RequestResponse 200 | Event 202 | DryRun 204), X-Amz-Log-Type (Tail: X-Amz-Log-Result, the
//   base64 of the log's last 4 KB), X-Amz-Client-Context (base64 JSON); the body is the event. A
//   handler that throws answers 200 with X-Amz-Function-Error: Unhandled and
//   {"errorType","errorMessage","trace"}. X-Amz-Executed-Version names the version run.
// - ListFunctions (API_ListFunctions.html): GET /2015-03-31/functions/?Marker=&MaxItems= (1-50),
//   {"Functions":[FunctionConfiguration…],"NextMarker"}.
// - GetFunction (API_GetFunction.html): GET /2015-03-31/functions/{FunctionName}?Qualifier=,
//   {"Configuration","Code","Tags","Concurrency"}.
// - Errors (API_Invoke.html "Errors"): x-amzn-ErrorType header and {"Type","message"} body, e.g.
//   404 ResourceNotFoundException, 429 TooManyRequestsException with Retry-After.
// Signatures are not recomputed, but a request must carry an AWS4-HMAC-SHA256 Authorization header
// for the expected access key, region and service "lambda", else it gets 403 UnrecognizedClientException.
import { randomUUID } from 'node:crypto';
import {
  type ReferenceReply,
  type ReferenceRequest,
  type ReferenceServer,
  startReferenceServer,
} from '@mova/sdk/testing';

export const ACCOUNT = '123456789012';

export type Handler = (event: unknown, context: { clientContext?: unknown; log: (line: string) => void }) => unknown;

export interface LambdaFunction {
  name: string;
  handler: Handler;
  runtime?: string;
  memorySize?: number;
  timeout?: number;
  description?: string;
  environment?: Record<string, string>;
  tags?: Record<string, string>;
  reservedConcurrency?: number;
  versions?: string[];
}

export interface Invocation {
  functionName: string;
  qualifier: string;
  invocationType: string;
  event: unknown;
  clientContext?: unknown;
}

export interface LambdaReference extends ReferenceServer {
  functions: Map<string, LambdaFunction>;
  invocations: Invocation[];
  addFunction(fn: LambdaFunction): void;
}

export async function startLambda(expected: { accessKeyId: string; region: string }): Promise<LambdaReference> {
  const scope = new RegExp(
    `^AWS4-HMAC-SHA256 Credential=${expected.accessKeyId}/\\d{8}/${expected.region}/lambda/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$`,
  );
  const functions = new Map<string, LambdaFunction>();
  const invocations: Invocation[] = [];
  const api = await startReferenceServer({
    check: (request) =>
      scope.test(String(request.headers.authorization ?? ''))
        ? undefined
        : error(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.'),
  });
  const arnOf = (name: string) => `arn:aws:lambda:${expected.region}:${ACCOUNT}:function:${name}`;

  /** A function by name, full or partial ARN, with an optional :qualifier suffix. */
  const find = (given: string, qualifierParam: string | null) => {
    const parts = given.startsWith('arn:')
      ? given.split(':').slice(6)
      : given.includes(':function:')
        ? given.split(':').slice(2)
        : given.split(':');
    const [name = '', suffix] = parts;
    const fn = functions.get(name);
    const qualifier = qualifierParam ?? suffix ?? '$LATEST';
    if (!fn || (qualifier !== '$LATEST' && !(fn.versions ?? []).includes(qualifier))) {
      return {
        missing: error(
          404,
          'ResourceNotFoundException',
          `Function not found: ${arnOf(name)}${qualifier === '$LATEST' ? '' : `:${qualifier}`}`,
        ),
      };
    }
    return { fn, qualifier };
  };

  const configuration = (fn: LambdaFunction, qualifier = '$LATEST') => ({
    FunctionName: fn.name,
    FunctionArn: qualifier === '$LATEST' ? arnOf(fn.name) : `${arnOf(fn.name)}:${qualifier}`,
    Runtime: fn.runtime ?? 'nodejs22.x',
    Role: `arn:aws:iam::${ACCOUNT}:role/${fn.name}-role`,
    Handler: 'index.handler',
    CodeSize: 1024,
    Description: fn.description ?? '',
    Timeout: fn.timeout ?? 3,
    MemorySize: fn.memorySize ?? 128,
    LastModified: '2025-03-04T18:00:00.000+0000',
    CodeSha256: 'YFgDgEKG3ugvF1+pX64gV6tu9qNuIYNUdgJm8nCxsm4=',
    Version: qualifier,
    ...(fn.environment ? { Environment: { Variables: fn.environment } } : {}),
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: '81a1a0d3-2e49-4b1a-a86d-7c2b4a1f0e1a',
    State: 'Active',
    LastUpdateStatus: 'Successful',
    PackageType: 'Zip',
    Architectures: ['x86_64'],
    EphemeralStorage: { Size: 512 },
  });

  api.route('POST', '/2015-03-31/functions/:name/invocations', async (request) => {
    const found = find(request.params.name ?? '', request.query.get('Qualifier'));
    if ('missing' in found) return found.missing as ReferenceReply;
    const { fn, qualifier } = found;
    const invocationType = String(request.headers['x-amz-invocation-type'] ?? 'RequestResponse');
    if (!['RequestResponse', 'Event', 'DryRun'].includes(invocationType)) {
      return error(400, 'InvalidParameterValueException', `Unsupported invocation type ${invocationType}`);
    }
    const logType = String(request.headers['x-amz-log-type'] ?? 'None');
    if (!['None', 'Tail'].includes(logType))
      return error(400, 'InvalidParameterValueException', 'LogType must be None or Tail');
    let event: unknown;
    try {
      event = request.rawBody.length ? JSON.parse(request.rawBody.toString('utf8')) : {};
    } catch {
      return error(
        400,
        'InvalidRequestContentException',
        'Could not parse request body into json: Unexpected character',
      );
    }
    const encodedContext = request.headers['x-amz-client-context'];
    const clientContext =
      typeof encodedContext === 'string'
        ? JSON.parse(Buffer.from(encodedContext, 'base64').toString('utf8'))
        : undefined;
    const versionHeader = { 'x-amz-executed-version': qualifier };
    if (invocationType === 'DryRun') return { status: 204, headers: versionHeader };
    invocations.push({
      functionName: fn.name,
      qualifier,
      invocationType,
      event,
      ...(clientContext ? { clientContext } : {}),
    });
    const requestId = randomUUID();
    const lines = [`START RequestId: ${requestId} Version: ${qualifier}`];
    const log = (line: string) => lines.push(`${new Date().toISOString()}\t${requestId}\tINFO\t${line}`);
    let payload: string;
    let functionError: string | undefined;
    try {
      payload = JSON.stringify((await fn.handler(event, { clientContext, log })) ?? null);
    } catch (thrown) {
      const failure = thrown instanceof Error ? thrown : new Error(String(thrown));
      functionError = 'Unhandled';
      payload = JSON.stringify({
        errorType: failure.name,
        errorMessage: failure.message,
        trace: [`${failure.name}: ${failure.message}`],
      });
      lines.push(`${new Date().toISOString()}\t${requestId}\tERROR\tInvoke Error \t${payload}`);
    }
    lines.push(
      `END RequestId: ${requestId}`,
      `REPORT RequestId: ${requestId}\tDuration: 1.23 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 64 MB`,
    );
    if (invocationType === 'Event') return { status: 202, headers: versionHeader };
    const tail = Buffer.from(`${lines.join('\n')}\n`, 'utf8').subarray(-4096);
    return {
      status: 200,
      headers: {
        'content-type': 'application/json',
        ...versionHeader,
        ...(functionError ? { 'x-amz-function-error': functionError } : {}),
        ...(logType === 'Tail' ? { 'x-amz-log-result': tail.toString('base64') } : {}),
      },
      body: payload,
    };
  });

  // The reference writes the path with a trailing slash; Lambda answers it without one too, as the SDK sends it.
  const list = (request: ReferenceRequest): ReferenceReply => {
    const max = Number(request.query.get('MaxItems') ?? 50);
    if (!Number.isInteger(max) || max < 1 || max > 50)
      return error(400, 'InvalidParameterValueException', 'MaxItems must be between 1 and 50');
    const all = [...functions.values()].sort((a, b) => a.name.localeCompare(b.name));
    const start = request.query.get('Marker')
      ? Number(Buffer.from(request.query.get('Marker') ?? '', 'base64').toString())
      : 0;
    const page = all.slice(start, start + max);
    const next = start + max < all.length ? Buffer.from(String(start + max)).toString('base64') : undefined;
    return { body: { Functions: page.map((fn) => configuration(fn)), ...(next ? { NextMarker: next } : {}) } };
  };
  api.route('GET', '/2015-03-31/functions/', list);
  api.route('GET', '/2015-03-31/functions', list);

  api.route('GET', '/2015-03-31/functions/:name', (request) => {
    const found = find(request.params.name ?? '', request.query.get('Qualifier'));
    if ('missing' in found) return found.missing as ReferenceReply;
    const { fn, qualifier } = found;
    return {
      body: {
        Configuration: configuration(fn, qualifier),
        Code: {
          RepositoryType: 'S3',
          Location: 'https://awslambda-us-east-1-tasks.s3.us-east-1.amazonaws.com/snapshots/code.zip',
        },
        Tags: fn.tags ?? {},
        ...(fn.reservedConcurrency !== undefined
          ? { Concurrency: { ReservedConcurrentExecutions: fn.reservedConcurrency } }
          : {}),
      },
    };
  });

  return Object.assign(api, {
    functions,
    invocations,
    addFunction: (fn: LambdaFunction) => void functions.set(fn.name, fn),
  });
}

export function error(
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
): ReferenceReply {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': type, ...headers },
    body: JSON.stringify({ Type: 'User', message }),
  };
}
