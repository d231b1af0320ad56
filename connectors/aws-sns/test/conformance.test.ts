import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, type SnsReference, startSns } from './sns-server.js';

// Every action through the sandbox users run it in (worker thread, egress limited to
// *.amazonaws.com and the hosts the connection names), against the loopback SNS of sns-server.ts
// (its header names the API Reference pages it follows), reached the way LocalStack is: through the
// connection's `endpoint` (network.connectionHosts). Outputs are checked against the topics and
// subscriptions the server holds, and requests against what the SDK must send.
const KEYS = { accessKeyId: 'AKIAMOVASNSTEST00001', secretAccessKey: 'sns-secret' };
let sns: SnsReference;
let connector: ConnectorUnderTest;
let auth: Record<string, unknown>;

beforeAll(async () => {
  sns = await startSns({ accessKeyId: KEYS.accessKeyId, region: 'us-east-1' });
  connector = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { ...KEYS, region: 'us-east-1', endpoint: sns.url };
});
afterAll(async () => {
  await connector?.close();
  await sns?.close();
});
beforeEach(() => {
  sns.topics.clear();
  sns.subscriptions.length = 0;
  sns.direct.length = 0;
  sns.actions.length = 0;
});

const { run, call: fail, runExamples } = actionCalls({ connector: () => connector, auth: () => auth });
const arn = (name: string) => `arn:aws:sns:us-east-1:${ACCOUNT}:${name}`;

describe('every example in the manifest', () => {
  it('runs in a story order on an empty account', async () => {
    const order = ['topics.create', 'topics.list', 'messages.publish', 'subscriptions.create', 'subscriptions.list'];
    await runExamples(order);
    expect(sns.topics.get(arn('orders'))?.published).toHaveLength(1);
    expect(sns.direct).toMatchObject([{ phoneNumber: '+14155550100' }]);
    expect(sns.subscriptions).toHaveLength(1);
    expect(sns.unmatched).toEqual([]);
  });
});

describe('publishing', () => {
  it('publishes to a topic with a subject and attributes', async () => {
    const topic = sns.createTopic('events');
    const published = await run('messages.publish', {
      topicArn: topic.arn,
      subject: 'Order paid',
      message: '{"orderId":7}',
      messageAttributes: { eventType: 'order.paid', priority: 2 },
    });
    expect(published).toEqual({ messageId: topic.published[0]?.messageId });
    expect(topic.published[0]).toMatchObject({
      message: '{"orderId":7}',
      subject: 'Order paid',
      attributes: {
        eventType: { DataType: 'String', StringValue: 'order.paid' },
        priority: { DataType: 'Number', StringValue: '2' },
      },
    });
    expect(sns.actions).toEqual(['Publish']);
  });

  it('publishes to a FIFO topic with group and deduplication ids, and refuses without a group', async () => {
    const topic = sns.createTopic('orders.fifo', { FifoTopic: 'true' });
    const first = await run('messages.publish', {
      topicArn: topic.arn,
      message: 'a',
      messageGroupId: 'c-17',
      messageDeduplicationId: 'd1',
    });
    expect(first.sequenceNumber).toMatch(/^\d{20}$/);
    expect(topic.published[0]).toMatchObject({ groupId: 'c-17', dedupeId: 'd1' });
    const noGroup = await fail('messages.publish', { topicArn: topic.arn, message: 'b', messageDeduplicationId: 'd2' });
    expect(noGroup).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 400 } });
    expect(noGroup.error?.message).toMatch(/InvalidParameter.*MessageGroupId/);
  });

  it('sends an SMS, a per-protocol JSON message, and refuses two targets before any request', async () => {
    await run('messages.publish', { phoneNumber: '+447700900123', message: 'Your code is 123456' });
    expect(sns.direct).toMatchObject([{ phoneNumber: '+447700900123', message: 'Your code is 123456' }]);
    const topic = sns.createTopic('multi');
    const message = JSON.stringify({ default: 'Order shipped', email: 'Your order has shipped. Thank you!' });
    await run('messages.publish', { topicArn: topic.arn, message, messageStructure: 'json' });
    expect(topic.published[0]).toMatchObject({ message, structure: 'json' });
    const notJson = await fail('messages.publish', { topicArn: topic.arn, message: 'x', messageStructure: 'json' });
    expect(notJson).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    sns.actions.length = 0;
    const both = await fail('messages.publish', { topicArn: topic.arn, phoneNumber: '+447700900123', message: 'x' });
    expect(both).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(sns.actions).toEqual([]);
  });
});

describe('topics and subscriptions', () => {
  it('creates topics idempotently, FIFO by name', async () => {
    expect(await run('topics.create', { name: 'alerts', displayName: 'Alerts' })).toEqual({ topicArn: arn('alerts') });
    expect(await run('topics.create', { name: 'alerts', displayName: 'Alerts' })).toEqual({ topicArn: arn('alerts') });
    expect(sns.topics.get(arn('alerts'))?.attributes).toEqual({ DisplayName: 'Alerts' });
    await run('topics.create', { name: 'jobs.fifo', contentBasedDeduplication: true });
    expect(sns.topics.get(arn('jobs.fifo'))).toMatchObject({
      fifo: true,
      attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' },
    });
  });

  it('lists topics across pages of 100, and stops at the limit with a token', async () => {
    for (let i = 0; i < 105; i++) sns.createTopic(`t-${String(i).padStart(3, '0')}`);
    const all = await run('topics.list', {});
    expect(all.topics).toHaveLength(105);
    expect((all.topics as unknown[])[0]).toEqual({ topicArn: arn('t-000'), name: 't-000', fifo: false });
    expect(all).not.toHaveProperty('nextToken');
    expect(sns.actions).toEqual(['ListTopics', 'ListTopics']);
    const first = await run('topics.list', { limit: 100 });
    expect(first.topics).toHaveLength(100);
    const rest = await run('topics.list', { nextToken: first.nextToken });
    expect((rest.topics as { name: string }[]).map((t) => t.name)).toEqual([
      't-100',
      't-101',
      't-102',
      't-103',
      't-104',
    ]);
  });

  it('subscribes a queue with a filter policy and a URL pending confirmation, and lists them', async () => {
    const topic = sns.createTopic('orders');
    const other = sns.createTopic('billing');
    const queue = await run('subscriptions.create', {
      topicArn: topic.arn,
      protocol: 'sqs',
      endpoint: `arn:aws:sqs:us-east-1:${ACCOUNT}:paid`,
      filterPolicy: { eventType: ['order.paid'], total: [{ numeric: ['>', 100] }] },
      filterPolicyScope: 'MessageAttributes',
      rawMessageDelivery: true,
    });
    expect(queue.subscriptionArn).toBe(sns.subscriptions[0]?.arn);
    expect(sns.subscriptions[0]?.attributes).toEqual({
      FilterPolicy: '{"eventType":["order.paid"],"total":[{"numeric":[">",100]}]}',
      FilterPolicyScope: 'MessageAttributes',
      RawMessageDelivery: 'true',
    });
    const hook = await run('subscriptions.create', {
      topicArn: topic.arn,
      protocol: 'https',
      endpoint: 'https://hooks.example.com/sns',
    });
    expect(hook.subscriptionArn).toMatch(/^arn:aws:sns:us-east-1:123456789012:orders:/);
    await run('subscriptions.create', { topicArn: other.arn, protocol: 'email', endpoint: 'ops@example.com' });

    const byTopic = await run('subscriptions.list', { topicArn: topic.arn });
    expect(byTopic.subscriptions).toEqual([
      {
        subscriptionArn: queue.subscriptionArn,
        topicArn: topic.arn,
        protocol: 'sqs',
        endpoint: `arn:aws:sqs:us-east-1:${ACCOUNT}:paid`,
        owner: ACCOUNT,
        pendingConfirmation: false,
      },
      {
        subscriptionArn: 'PendingConfirmation',
        topicArn: topic.arn,
        protocol: 'https',
        endpoint: 'https://hooks.example.com/sns',
        owner: ACCOUNT,
        pendingConfirmation: true,
      },
    ]);
    const all = await run('subscriptions.list', {});
    expect((all.subscriptions as { protocol: string }[]).map((s) => s.protocol)).toEqual(['sqs', 'https', 'email']);
    expect(sns.actions.slice(-2)).toEqual(['ListSubscriptionsByTopic', 'ListSubscriptions']);
  });
});

describe('failures', () => {
  it('maps a missing topic, throttling, a refused permission and unknown credentials', async () => {
    const missing = await fail('messages.publish', { topicArn: arn('nope'), message: 'x' });
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
    expect(missing.error?.message).toMatch(/NotFound: Topic does not exist/);

    const xmlError = (code: string, message: string) =>
      `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`;
    sns.answerNext('POST', '/', {
      status: 400,
      headers: { 'content-type': 'text/xml' },
      body: xmlError('Throttled', 'Rate exceeded'),
    });
    expect(await fail('topics.list', {})).toMatchObject({
      status: 'failed',
      error: { kind: 'rate_limit', status: 400 },
    });
    sns.answerNext('POST', '/', {
      status: 403,
      headers: { 'content-type': 'text/xml' },
      body: xmlError('AuthorizationError', 'User is not authorized to perform: SNS:Publish'),
    });
    const denied = await fail('messages.publish', { phoneNumber: '+447700900123', message: 'x' });
    expect(denied).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 403 } });

    const stranger = await fail('topics.list', {}, { ...auth, accessKeyId: 'AKIASOMEONEELSE00001' });
    expect(stranger).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 403 } });
    expect(stranger.error?.message).toMatch(/InvalidClientTokenId/);
  });
});
