// A loopback stand-in in front of dynalite for what dynalite never does: leave BatchWriteItem
// requests unprocessed, and throttle. Both follow the DynamoDB API Reference: "BatchWriteItem"
// (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html,
// UnprocessedItems in the same shape as RequestItems) and "Common Errors"
// (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/CommonErrors.html, a 400 JSON body
// whose __type names ProvisionedThroughputExceededException). Every other request is passed on to
// dynalite as received. A request without an AWS4-HMAC-SHA256 Authorization header for the expected
// key, region and service "dynamodb" gets DynamoDB's 400 UnrecognizedClientException.
import { type ReferenceServer, startReferenceServer } from '@mova/sdk/testing';

export interface DynamoProxy extends ReferenceServer {
  /** Leave all but the first write of the next `n` BatchWriteItem requests unprocessed. */
  leaveUnprocessed(n: number): void;
  /** Answer the next request with ProvisionedThroughputExceededException. */
  throttleNext(): void;
  /** The X-Amz-Target of every request passed on or answered. */
  targets: string[];
}

export async function startDynamoProxy(
  target: string,
  expected: { accessKeyId: string; region: string },
): Promise<DynamoProxy> {
  const scope = new RegExp(
    `^AWS4-HMAC-SHA256 Credential=${expected.accessKeyId}/\\d{8}/${expected.region}/dynamodb/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$`,
  );
  const json = { 'content-type': 'application/x-amz-json-1.0' };
  const api = await startReferenceServer({
    check: (request) =>
      scope.test(String(request.headers.authorization ?? ''))
        ? undefined
        : {
            status: 400,
            headers: json,
            body: JSON.stringify({
              __type: 'com.amazon.coral.service#UnrecognizedClientException',
              message: 'The security token included in the request is invalid.',
            }),
          },
  });
  let unprocessed = 0;
  let throttle = false;
  const targets: string[] = [];
  api.route('POST', '/', async (request) => {
    const amzTarget = String(request.headers['x-amz-target'] ?? '');
    targets.push(amzTarget);
    if (throttle) {
      throttle = false;
      return {
        status: 400,
        headers: json,
        body: JSON.stringify({
          __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
          message: 'The level of configured provisioned throughput for the table was exceeded.',
        }),
      };
    }
    let body = request.rawBody.toString('utf8');
    let leftOver: Record<string, unknown[]> | undefined;
    if (amzTarget === 'DynamoDB_20120810.BatchWriteItem' && unprocessed > 0) {
      unprocessed--;
      const parsed = JSON.parse(body) as { RequestItems: Record<string, unknown[]> };
      leftOver = {};
      const sent: Record<string, unknown[]> = {};
      for (const [table, writes] of Object.entries(parsed.RequestItems)) {
        sent[table] = writes.slice(0, 1);
        if (writes.length > 1) leftOver[table] = writes.slice(1);
      }
      body = JSON.stringify({ ...parsed, RequestItems: sent });
    }
    const answer = await fetch(target, {
      method: 'POST',
      headers: {
        'content-type': String(request.headers['content-type']),
        'x-amz-target': amzTarget,
        authorization: String(request.headers.authorization),
        'x-amz-date': String(request.headers['x-amz-date'] ?? ''),
      },
      body,
    });
    const text = await answer.text();
    const reply = leftOver ? JSON.stringify({ ...JSON.parse(text), UnprocessedItems: leftOver }) : text;
    return { status: answer.status, headers: json, body: reply };
  });
  return Object.assign(api, {
    targets,
    leaveUnprocessed: (n: number) => {
      unprocessed = n;
    },
    throttleNext: () => {
      throttle = true;
    },
  });
}
