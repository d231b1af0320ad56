import { createHash } from 'node:crypto';
import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, type SqsReference, startSqs } from './sqs-server.js';

// Every action and the polling trigger through the sandbox users run it in (worker thread, egress
// limited to *.amazonaws.com and the hosts the connection names), against the loopback SQS of
// sqs-server.ts (its header names the API Reference pages it follows), reached the way ElasticMQ
// or LocalStack is: through the connection's `endpoint` (network.connectionHosts). Outputs are
// checked against the queues the server holds, and requests against what the SDK must send.
const KEYS = { accessKeyId: 'AKIAMOVASQSTEST00001', secretAccessKey: 'sqs-secret' };
let sqs: SqsReference;
let connector: ConnectorUnderTest;
let auth: Record<string, unknown>;

beforeAll(async () => {
  sqs = await startSqs({ accessKeyId: KEYS.accessKeyId, region: 'eu-west-1' });
  connector = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { ...KEYS, region: 'eu-west-1', endpoint: sqs.url };
});
afterAll(async () => {
  await connector?.close();
  await sqs?.close();
});
beforeEach(() => {
  sqs.queues.clear();
  sqs.targets.length = 0;
});

const { run, call: fail } = actionCalls({ connector: () => connector, auth: () => auth });
const md5 = (text: string) => createHash('md5').update(text).digest('hex');
type Received = {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, string>;
  messageAttributes: Record<string, string>;
};

describe('every example in the manifest', () => {
  it('runs in a story order, with the receipt handle of a real receive', async () => {
    sqs.createQueue('orders');
    const order = [
      'queues.list',
      'messages.send',
      'messages.sendBatch',
      'queues.getAttributes',
      'messages.receive',
      'messages.changeVisibility',
      'messages.delete',
    ];
    const actions = [...connector.manifest.actions].sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
    expect(actions.map((a) => a.key)).toEqual(order);
    let handle = '';
    for (const action of actions) {
      for (const example of action.examples) {
        const input = example.input as Record<string, unknown>;
        // A receipt handle is only ever valid for the receive that gave it.
        const output = await run(action.key, 'receiptHandle' in input ? { ...input, receiptHandle: handle } : input);
        if (action.key === 'messages.receive') handle = String((output.messages as Received[])[0]?.receiptHandle);
        if (example.output !== undefined) expect(output, `${action.key}: ${example.title}`).toEqual(example.output);
      }
    }
    expect(sqs.queues.get('orders')?.messages.map((m) => m.body)).toEqual(['{"orderId":1001}', '{"orderId":1002}']);
    sqs.createQueue('orders').messages.length = 0;
    for (const trigger of connector.manifest.triggers) {
      for (const example of trigger.examples) {
        expect(await connector.poll(trigger.key, example.input, { auth })).toMatchObject({
          status: 'completed',
          items: [],
        });
      }
    }
    expect(sqs.unmatched).toEqual([]);
  });
});

describe('sending', () => {
  it('sends a message with attributes to a queue named by URL or by name', async () => {
    const queue = sqs.createQueue('events');
    const sent = await run('messages.send', {
      queue: queue.url,
      body: '{"orderId":7}',
      messageAttributes: { eventType: 'order.paid', priority: 2 },
      delaySeconds: 0,
    });
    expect(sent).toEqual({
      queueUrl: queue.url,
      messageId: expect.any(String),
      md5OfMessageBody: md5('{"orderId":7}'),
    });
    expect(queue.messages).toHaveLength(1);
    expect(queue.messages[0]).toMatchObject({
      id: sent.messageId,
      body: '{"orderId":7}',
      attributes: {
        eventType: { DataType: 'String', StringValue: 'order.paid' },
        priority: { DataType: 'Number', StringValue: '2' },
      },
    });
    expect(sqs.targets).toEqual(['AmazonSQS.SendMessage']);

    const byName = await run('messages.send', { queue: 'events', body: 'plain text' });
    expect(byName.queueUrl).toBe(queue.url);
    expect(sqs.targets.slice(1)).toEqual(['AmazonSQS.GetQueueUrl', 'AmazonSQS.SendMessage']);
    // An AWS queue URL reaches the same queue through the custom endpoint.
    await run('messages.send', { queue: `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/events`, body: 'via aws url' });
    expect(queue.messages.map((m) => m.body)).toEqual(['{"orderId":7}', 'plain text', 'via aws url']);
  });

  it('sends FIFO messages with group and deduplication ids', async () => {
    const queue = sqs.createQueue('orders.fifo');
    const first = await run('messages.send', {
      queue: queue.url,
      body: 'a',
      messageGroupId: 'c-17',
      messageDeduplicationId: 'd1',
    });
    expect(first.sequenceNumber).toMatch(/^\d{20}$/);
    await run('messages.send', {
      queue: queue.url,
      body: 'a again',
      messageGroupId: 'c-17',
      messageDeduplicationId: 'd1',
    });
    expect(queue.messages.map((m) => m.body)).toEqual(['a']);
    const noGroup = await fail('messages.send', { queue: queue.url, body: 'x', messageDeduplicationId: 'd2' });
    expect(noGroup).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 400 } });
  });

  it('sends batches of more than 10 in several requests, and reports failed entries', async () => {
    const queue = sqs.createQueue('bulk');
    const messages = Array.from({ length: 12 }, (_, i) => ({ body: `m${i}` }));
    const sent = await run('messages.sendBatch', {
      queue: queue.url,
      messages: [...messages, { id: 'delayed', body: 'x', delaySeconds: 900, messageAttributes: { n: 1 } }],
    });
    expect((sent.successful as { id: string }[]).map((s) => s.id)).toEqual([
      ...messages.map((_, i) => String(i)),
      'delayed',
    ]);
    expect(sent.failed).toEqual([]);
    expect(sqs.targets).toEqual(['AmazonSQS.SendMessageBatch', 'AmazonSQS.SendMessageBatch']);
    expect(queue.messages).toHaveLength(13);

    const fifo = sqs.createQueue('bulk.fifo');
    const mixed = await run('messages.sendBatch', {
      queue: fifo.url,
      messages: [
        { id: 'ok', body: 'a', messageGroupId: 'g', messageDeduplicationId: 'a' },
        { id: 'nogroup', body: 'b', messageDeduplicationId: 'b' },
      ],
    });
    expect(mixed).toMatchObject({
      successful: [{ id: 'ok', sequenceNumber: expect.any(String) }],
      failed: [{ id: 'nogroup', code: 'MissingParameter', senderFault: true }],
    });
  });
});

describe('receiving', () => {
  it('receives with attributes, hides messages for the visibility timeout, and deletes them', async () => {
    const queue = sqs.createQueue('work', { visibilityTimeout: 30 });
    await run('messages.send', { queue: queue.url, body: 'job-1', messageAttributes: { kind: 'resize' } });
    await run('messages.send', { queue: queue.url, body: 'job-2' });
    const got = await run('messages.receive', { queue: queue.url, maxMessages: 10 });
    const received = got.messages as Received[];
    expect(received.map((m) => m.body)).toEqual(['job-1', 'job-2']);
    expect(received[0]).toMatchObject({
      md5OfBody: md5('job-1'),
      messageAttributes: { kind: 'resize' },
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: expect.stringMatching(/^\d+$/) },
    });
    expect(got.deleted).toBe(false);
    expect((await run('messages.receive', { queue: queue.url, maxMessages: 10 })).messages).toEqual([]);

    const attributes = await run('queues.getAttributes', { queue: queue.url });
    expect(attributes).toMatchObject({
      queueUrl: queue.url,
      queueArn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:work`,
      fifo: false,
      approximateNumberOfMessages: 0,
      approximateNumberOfMessagesNotVisible: 2,
      approximateNumberOfMessagesDelayed: 0,
      attributes: { VisibilityTimeout: '30' },
    });

    const [first, second] = received as [Received, Received];
    expect(await run('messages.delete', { queue: queue.url, receiptHandle: first.receiptHandle })).toEqual({
      queueUrl: queue.url,
      deleted: true,
    });
    expect(queue.messages.map((m) => m.body)).toEqual(['job-2']);
    const released = await run('messages.changeVisibility', {
      queue: queue.url,
      receiptHandle: second.receiptHandle,
      visibilityTimeout: 0,
    });
    expect(Date.parse(String(released.visibleAt))).toBeLessThanOrEqual(Date.now());
    const again = await run('messages.receive', { queue: queue.url, deleteAfterReceive: true });
    expect(again).toMatchObject({
      messages: [{ body: 'job-2', attributes: { ApproximateReceiveCount: '2' } }],
      deleted: true,
    });
    expect(queue.messages).toEqual([]);
  });

  it('waits for a message with long polling', async () => {
    const queue = sqs.createQueue('slow');
    const started = Date.now();
    const pending = run('messages.receive', { queue: queue.url, waitTimeSeconds: 5 });
    setTimeout(() => {
      queue.messages.push({
        id: 'late-1',
        body: 'late',
        attributes: {},
        sentAt: Date.now(),
        visibleAt: Date.now(),
        receiveCount: 0,
      });
    }, 600);
    const got = await pending;
    expect((got.messages as Received[]).map((m) => m.body)).toEqual(['late']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });

  it('maps a stale receipt handle, a missing queue, throttling and unknown credentials', async () => {
    const queue = sqs.createQueue('errors');
    const stale = await fail('messages.delete', { queue: queue.url, receiptHandle: 'not-a-handle' });
    expect(stale).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 400 } });
    expect(stale.error?.message).toMatch(/ReceiptHandleIsInvalid/);

    const missing = await fail('messages.send', { queue: 'no-such-queue', body: 'x' });
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 400 } });
    expect(missing.error?.message).toMatch(/AWS\.SimpleQueueService\.NonExistentQueue|QueueDoesNotExist/);

    sqs.answerNext('POST', '/', {
      status: 400,
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-error': 'Throttling;Sender' },
      body: JSON.stringify({ __type: 'com.amazonaws.sqs#ThrottlingException', message: 'Rate exceeded' }),
    });
    const throttled = await fail('queues.getAttributes', { queue: queue.url });
    expect(throttled).toMatchObject({ status: 'failed', error: { kind: 'rate_limit', status: 400 } });

    const stranger = await fail('queues.list', {}, { ...auth, accessKeyId: 'AKIASOMEONEELSE00001' });
    expect(stranger).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 400 } });
    const wrongRegion = await fail('queues.list', {}, { ...auth, region: 'us-east-1' });
    expect(wrongRegion).toMatchObject({ status: 'failed', error: { kind: 'auth' } });
  });
});

describe('queues', () => {
  it('lists queue URLs by prefix, across pages', async () => {
    for (let i = 0; i < 5; i++) sqs.createQueue(`orders-${i}`);
    sqs.createQueue('billing');
    const all = await run('queues.list', { limit: 3 });
    expect(all.queueUrls).toEqual(['billing', 'orders-0', 'orders-1'].map((name) => `${sqs.url}/${ACCOUNT}/${name}`));
    const orders = await run('queues.list', { prefix: 'orders-' });
    expect(orders.queueUrls).toHaveLength(5);
  });
});

describe('new messages trigger', () => {
  it('takes waiting messages off the queue and emits each once, the first poll included', async () => {
    const queue = sqs.createQueue('inbox');
    for (let i = 0; i < 12; i++)
      await run('messages.send', { queue: queue.url, body: `m${i}`, messageAttributes: { i } });
    const first = await connector.poll('messages.new', { queue: 'inbox', maxMessages: 11 }, { auth });
    expect(first).toMatchObject({ status: 'completed' });
    expect((first.items as Received[]).map((m) => m.body)).toEqual(Array.from({ length: 11 }, (_, i) => `m${i}`));
    expect((first.items as Received[])[3]).toMatchObject({ messageAttributes: { i: '3' } });
    expect(queue.messages.map((m) => m.body)).toEqual(['m11']);
    const second = await connector.poll('messages.new', { queue: 'inbox' }, { auth, state: first.state });
    expect((second.items as Received[]).map((m) => m.body)).toEqual(['m11']);
    const third = await connector.poll('messages.new', { queue: 'inbox' }, { auth, state: second.state });
    expect(third.items).toEqual([]);
    expect(queue.messages).toEqual([]);
  });
});
