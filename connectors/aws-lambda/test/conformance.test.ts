import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, error, type LambdaReference, startLambda } from './lambda-server.js';

// Every action through the sandbox users run it in (worker thread, egress limited to
// *.amazonaws.com and the hosts the connection names), against the loopback Lambda of
// lambda-server.ts (its header names the API Reference pages it follows), reached the way
// LocalStack is: through the connection's `endpoint` (network.connectionHosts). Functions are
// JavaScript handlers the test gives; what they received is checked, and what they returned.
const KEYS = { accessKeyId: 'AKIAMOVALAMBDATEST01', secretAccessKey: 'lambda-secret' };
let lambda: LambdaReference;
let connector: ConnectorUnderTest;
let auth: Record<string, unknown>;

beforeAll(async () => {
  lambda = await startLambda({ accessKeyId: KEYS.accessKeyId, region: 'us-east-1' });
  connector = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { ...KEYS, region: 'us-east-1', endpoint: lambda.url };
});
afterAll(async () => {
  await connector?.close();
  await lambda?.close();
});
beforeEach(() => {
  lambda.functions.clear();
  lambda.invocations.length = 0;
  lambda.requests.length = 0;
  lambda.addFunction({
    name: 'price-order',
    handler: (event, { log }) => {
      const order = event as { orderId: number; items: string[] };
      log(`pricing order ${order.orderId}`);
      return { orderId: order.orderId, total: order.items.length * 21.25, currency: 'EUR' };
    },
    environment: { TAX_TABLE: 'de-2025', API_KEY: 'secret-value' },
    tags: { team: 'billing' },
    reservedConcurrency: 5,
    versions: ['1', 'live'],
  });
  lambda.addFunction({
    name: 'build-report',
    handler: () => ({ started: true }),
    runtime: 'python3.13',
    memorySize: 1024,
    timeout: 900,
  });
});

const { run, call: fail } = actionCalls({ connector: () => connector, auth: () => auth });

describe('every example in the manifest', () => {
  it('runs against the functions they name', async () => {
    for (const action of connector.manifest.actions) {
      for (const example of action.examples) {
        const output = await run(action.key, example.input);
        if (example.output !== undefined) expect(output, `${action.key}: ${example.title}`).toEqual(example.output);
      }
    }
    expect(lambda.invocations.map((i) => [i.functionName, i.invocationType])).toEqual([
      ['price-order', 'RequestResponse'],
      ['build-report', 'Event'],
    ]);
    expect(lambda.unmatched).toEqual([]);
  });
});

describe('invoke', () => {
  it('waits for the result, sends the event as JSON, and decodes the log tail', async () => {
    const result = await run('functions.invoke', {
      functionName: 'price-order',
      payload: { orderId: 1001, items: ['a', 'b'] },
      logType: 'Tail',
      clientContext: { custom: { tenant: 'acme' } },
    });
    expect(result).toMatchObject({
      statusCode: 200,
      payload: { orderId: 1001, total: 42.5, currency: 'EUR' },
      executedVersion: '$LATEST',
    });
    expect(result).not.toHaveProperty('functionError');
    expect(result.logTail).toMatch(
      /^START RequestId: [0-9a-f-]+ Version: \$LATEST\n.*INFO\tpricing order 1001\nEND RequestId/s,
    );
    expect(result.logTail).toMatch(/REPORT RequestId: .*Billed Duration: 2 ms/);
    expect(lambda.invocations[0]).toEqual({
      functionName: 'price-order',
      qualifier: '$LATEST',
      invocationType: 'RequestResponse',
      event: { orderId: 1001, items: ['a', 'b'] },
      clientContext: { custom: { tenant: 'acme' } },
    });
    const request = lambda.requests.at(-1);
    expect(request).toMatchObject({ method: 'POST', path: '/2015-03-31/functions/price-order/invocations' });
    expect(request?.headers['x-amz-invocation-type']).toBe('RequestResponse');
    expect(request?.headers['x-amz-log-type']).toBe('Tail');
  });

  it('invokes a version by qualifier or ARN, asynchronously, and as a dry run', async () => {
    const arn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:price-order`;
    const byArn = await run('functions.invoke', {
      functionName: arn,
      qualifier: 'live',
      payload: { orderId: 1, items: [] },
    });
    expect(byArn).toMatchObject({ statusCode: 200, executedVersion: 'live', payload: { total: 0 } });
    expect(lambda.requests.at(-1)?.query.get('Qualifier')).toBe('live');

    const queued = await run('functions.invoke', {
      functionName: 'build-report',
      payload: { month: '2025-03' },
      invocationType: 'Event',
    });
    expect(queued).toEqual({ statusCode: 202, payload: null, executedVersion: '$LATEST' });
    expect(lambda.invocations.at(-1)).toMatchObject({
      functionName: 'build-report',
      invocationType: 'Event',
      event: { month: '2025-03' },
    });

    const dry = await run('functions.invoke', { functionName: 'build-report', invocationType: 'DryRun' });
    expect(dry).toEqual({ statusCode: 204, payload: null, executedVersion: '$LATEST' });
    expect(lambda.invocations).toHaveLength(2);
  });

  it('fails the step when the function throws, or hands the error back when asked', async () => {
    lambda.addFunction({
      name: 'flaky',
      handler: (_event, { log }) => {
        log('about to fail');
        throw new TypeError('Cannot read properties of undefined (reading "id")');
      },
    });
    const failed = await fail('functions.invoke', { functionName: 'flaky', logType: 'Tail' });
    expect(failed).toMatchObject({ status: 'failed', error: { kind: 'unknown', status: 200 } });
    expect(failed.error?.message).toMatch(
      /the function failed \(Unhandled\) with TypeError: Cannot read properties of undefined/,
    );
    expect(failed.error?.hint).toMatch(/about to fail/);

    const handled = await run('functions.invoke', { functionName: 'flaky', failOnFunctionError: false });
    expect(handled).toMatchObject({
      statusCode: 200,
      functionError: 'Unhandled',
      payload: { errorType: 'TypeError', errorMessage: 'Cannot read properties of undefined (reading "id")' },
    });
  });

  it('maps a missing function, throttling with Retry-After, and unknown credentials', async () => {
    const missing = await fail('functions.invoke', { functionName: 'nope' });
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
    expect(missing.error?.message).toMatch(/ResourceNotFoundException: Function not found/);
    expect(await fail('functions.get', { functionName: 'price-order', qualifier: '7' })).toMatchObject({
      error: { kind: 'not_found', status: 404 },
    });

    lambda.answerNext(
      'POST',
      '/2015-03-31/functions/:name/invocations',
      error(429, 'TooManyRequestsException', 'Rate Exceeded.', { 'retry-after': '4' }),
    );
    const throttled = await fail('functions.invoke', {
      functionName: 'price-order',
      payload: { orderId: 1, items: [] },
    });
    expect(throttled).toMatchObject({ status: 'failed', error: { kind: 'rate_limit', status: 429, retryAfter: 4 } });
    expect(lambda.invocations).toEqual([]);

    const stranger = await fail('functions.list', {}, { ...auth, accessKeyId: 'AKIASOMEONEELSE00001' });
    expect(stranger).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 403 } });
  });
});

describe('functions', () => {
  it('lists functions across pages of 50, and stops at the limit with a marker', async () => {
    for (let i = 0; i < 53; i++) lambda.addFunction({ name: `fn-${String(i).padStart(2, '0')}`, handler: () => null });
    const all = await run('functions.list', {});
    expect(all.functions).toHaveLength(55);
    expect(all).not.toHaveProperty('nextMarker');
    expect(lambda.requests.map((r) => [r.path, r.query.get('MaxItems')])).toEqual([
      ['/2015-03-31/functions', '50'],
      ['/2015-03-31/functions', '50'],
    ]);
    expect((all.functions as Record<string, unknown>[]).find((f) => f.functionName === 'build-report')).toEqual({
      functionName: 'build-report',
      functionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:build-report`,
      runtime: 'python3.13',
      handler: 'index.handler',
      description: '',
      memorySize: 1024,
      timeout: 900,
      lastModified: '2025-03-04T18:00:00.000+0000',
      version: '$LATEST',
      packageType: 'Zip',
      state: 'Active',
      architectures: ['x86_64'],
    });
    const first = await run('functions.list', { limit: 10 });
    expect(first.functions).toHaveLength(10);
    const rest = await run('functions.list', { marker: first.nextMarker, limit: 100 });
    expect(rest.functions).toHaveLength(45);
  });

  it('reads a configuration with tags and concurrency, leaving environment values out', async () => {
    const fn = await run('functions.get', { functionName: 'price-order' });
    expect(fn).toMatchObject({
      functionName: 'price-order',
      runtime: 'nodejs22.x',
      role: `arn:aws:iam::${ACCOUNT}:role/price-order-role`,
      environmentVariableNames: ['TAX_TABLE', 'API_KEY'],
      tags: { team: 'billing' },
      reservedConcurrency: 5,
    });
    expect(JSON.stringify(fn)).not.toContain('secret-value');
    expect(await run('functions.get', { functionName: 'price-order', qualifier: '1' })).toMatchObject({
      version: '1',
      functionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:price-order:1`,
    });
  });
});
