import { randomUUID } from 'node:crypto';
import { ensureService, localServices, runAction, testConnection, ValidationError } from '@mova/sdk';
import { connectorErrorOf, freePort } from '@mova/sdk/testing';
import { type ChannelModel, connect } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import connector from '../src/index.js';

// Real RabbitMQ on 127.0.0.1:5672 (guest/guest). Queue and exchange names are unique to this run
// and deleted afterwards.
const url = 'amqp://guest:guest@127.0.0.1:5672';
const auth = { url };
const runId = randomUUID().slice(0, 8);
const queues = new Set<string>();
const exchanges = new Set<string>();
const queueName = (name: string) => {
  const full = `mova-test-${runId}-${name}`;
  queues.add(full);
  return full;
};
const exchangeName = (name: string) => {
  const full = `mova-test-${runId}-${name}`;
  exchanges.add(full);
  return full;
};
const run = (key: string, input: unknown, options: { auth?: unknown } = {}) =>
  runAction(connector, key, input, { auth, ...options });

let direct: ChannelModel;

beforeAll(async () => {
  await ensureService(localServices.rabbitmq);
  direct = await connect(url);
});

afterAll(async () => {
  const channel = await direct.createChannel();
  for (const queue of queues) await channel.deleteQueue(queue);
  for (const exchange of exchanges) await channel.deleteExchange(exchange);
  await direct.close();
});

/** A fresh durable queue, declared through the connector. */
async function freshQueue(name: string): Promise<string> {
  const queue = queueName(name);
  await run('queues.declare', { queue });
  return queue;
}

describe('connection', () => {
  it('accepts a URL or separate fields', async () => {
    await expect(testConnection(connector, auth)).resolves.toBeUndefined();
    await expect(
      testConnection(connector, { host: '127.0.0.1', port: 5672, username: 'guest', password: 'guest', vhost: '/' }),
    ).resolves.toBeUndefined();
  });

  it('reports refused credentials as auth (403)', async () => {
    const error = await connectorErrorOf(testConnection(connector, { url: 'amqp://guest:wrong@127.0.0.1:5672' }));
    expect(error).toMatchObject({ kind: 'auth', status: 403 });
    expect(error.vendorMessage).toContain('ACCESS_REFUSED');
  });

  it('reports a vhost the user cannot open as auth', async () => {
    const error = await connectorErrorOf(testConnection(connector, { url: `${url}/mova-no-such-vhost` }));
    expect(error.kind).toBe('auth');
  });

  it('reports a closed port as transient', async () => {
    const error = await connectorErrorOf(testConnection(connector, { host: '127.0.0.1', port: await freePort() }));
    expect(error.kind).toBe('transient');
    expect(error.vendorMessage).toContain('ECONNREFUSED');
  });

  it('refuses a URL mixed with separate fields', async () => {
    await expect(testConnection(connector, { url, password: 'x' })).rejects.toMatchObject({ kind: 'invalid_input' });
  });
});

describe('queues', () => {
  it('declares a queue with arguments and reports its counts', async () => {
    const queue = queueName('declared');
    await expect(
      run('queues.declare', { queue, durable: false, arguments: { 'x-message-ttl': 60_000, 'x-max-length': 10 } }),
    ).resolves.toEqual({ queue, messageCount: 0, consumerCount: 0 });
    const channel = await direct.createChannel();
    await expect(channel.checkQueue(queue)).resolves.toMatchObject({ queue });
    await channel.close();
    await run('messages.publish', { queue, content: 'one' });
    await expect(run('queues.declare', { queue, passive: true })).resolves.toEqual({
      queue,
      messageCount: 1,
      consumerCount: 0,
    });
  });

  it('reports a redeclare with other properties as conflict (406)', async () => {
    const queue = await freshQueue('redeclare');
    const error = await connectorErrorOf(run('queues.declare', { queue, durable: false }));
    expect(error).toMatchObject({ kind: 'conflict', status: 406, actionKey: 'queues.declare' });
    expect(error.vendorMessage).toContain('PRECONDITION_FAILED');
  });

  it('reports a malformed queue argument as invalid input', async () => {
    const error = await connectorErrorOf(
      run('queues.declare', { queue: queueName('bad-arg'), arguments: { 'x-message-ttl': 'soon' } }),
    );
    expect(error).toMatchObject({ kind: 'invalid_input', status: 406 });
  });

  it('reports a passive declare of a missing queue as not_found (404)', async () => {
    const error = await connectorErrorOf(run('queues.declare', { queue: queueName('missing'), passive: true }));
    expect(error).toMatchObject({ kind: 'not_found', status: 404 });
  });

  it('purges a queue and says how many messages went', async () => {
    const queue = await freshQueue('purge');
    for (const n of [1, 2, 3]) await run('messages.publish', { queue, content: { n } });
    await expect(run('queues.purge', { queue })).resolves.toEqual({ queue, purged: 3 });
    await expect(run('messages.get', { queue })).resolves.toEqual({ queue, empty: true });
  });

  it('deletes a queue, refusing a non-empty one with ifEmpty', async () => {
    const queue = await freshQueue('delete');
    await run('messages.publish', { queue, content: 'keep me' });
    await expect(run('queues.delete', { queue, ifEmpty: true })).rejects.toMatchObject({
      kind: 'conflict',
      status: 406,
    });
    await expect(run('queues.delete', { queue })).resolves.toEqual({ queue, deletedMessages: 1 });
    await expect(run('queues.declare', { queue, passive: true })).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('publish and get', () => {
  it('publishes JSON to a queue and gets it back parsed, with its properties', async () => {
    const queue = await freshQueue('json');
    await expect(
      run('messages.publish', {
        queue,
        content: { id: 7, tags: ['a', 'b'] },
        headers: { source: 'billing', attempt: 2, nested: { ok: true } },
        messageId: 'm-7',
        correlationId: 'c-1',
        priority: 3,
      }),
    ).resolves.toEqual({ exchange: '', routingKey: queue, routed: true, bytes: 25 });
    await run('messages.publish', { queue, content: 'second' });
    await expect(run('messages.get', { queue })).resolves.toEqual({
      queue,
      empty: false,
      message: {
        content: { id: 7, tags: ['a', 'b'] },
        encoding: 'json',
        exchange: '',
        routingKey: queue,
        redelivered: false,
        remaining: 1,
        properties: {
          contentType: 'application/json',
          persistent: true,
          headers: { source: 'billing', attempt: 2, nested: { ok: true } },
          messageId: 'm-7',
          correlationId: 'c-1',
          priority: 3,
        },
      },
    });
    await expect(run('messages.get', { queue })).resolves.toMatchObject({
      message: { content: 'second', encoding: 'text', remaining: 0, properties: { contentType: 'text/plain' } },
    });
    await expect(run('messages.get', { queue })).resolves.toEqual({ queue, empty: true });
  });

  it('records a non-persistent message and an explicit content type', async () => {
    const queue = await freshQueue('transient');
    await run('messages.publish', {
      queue,
      content: '<a/>',
      contentType: 'application/xml',
      persistent: false,
      expirationMs: 60_000,
    });
    await expect(run('messages.get', { queue })).resolves.toMatchObject({
      message: {
        content: '<a/>',
        properties: { contentType: 'application/xml', persistent: false, expiration: '60000' },
      },
    });
  });

  it('requeues a message when asked, so it comes back redelivered', async () => {
    const queue = await freshQueue('requeue');
    await run('messages.publish', { queue, content: 'peek' });
    await expect(run('messages.get', { queue, requeue: true })).resolves.toMatchObject({
      message: { content: 'peek', redelivered: false },
    });
    await expect(run('messages.get', { queue })).resolves.toMatchObject({
      message: { content: 'peek', redelivered: true },
    });
    await expect(run('messages.get', { queue })).resolves.toEqual({ queue, empty: true });
  });

  it('gives binary bodies as base64 and puts back a body it cannot decode as asked', async () => {
    const queue = await freshQueue('binary');
    const channel = await direct.createConfirmChannel();
    channel.sendToQueue(queue, Buffer.from([0xff, 0x00, 0xfe]));
    await channel.waitForConfirms();
    await channel.close();
    const error = await connectorErrorOf(run('messages.get', { queue, decode: 'text' }));
    expect(error.kind).toBe('invalid_input');
    await expect(run('messages.get', { queue })).resolves.toMatchObject({
      message: { content: Buffer.from([0xff, 0x00, 0xfe]).toString('base64'), encoding: 'base64', redelivered: true },
    });
  });

  it('reports a message no queue received as not routed', async () => {
    await expect(
      run('messages.publish', { queue: queueName('never-declared'), content: 'lost' }),
    ).resolves.toMatchObject({ routed: false });
  });

  it('routes through a declared topic exchange and binding', async () => {
    const exchange = exchangeName('events');
    const queue = await freshQueue('paid');
    await expect(run('exchanges.declare', { exchange, type: 'topic', durable: false })).resolves.toEqual({
      exchange,
      type: 'topic',
    });
    await expect(run('queues.bind', { queue, exchange, routingKey: 'order.*' })).resolves.toEqual({
      queue,
      exchange,
      routingKey: 'order.*',
    });
    await expect(
      run('messages.publish', { exchange, routingKey: 'order.paid', content: 'order 7 paid' }),
    ).resolves.toEqual({ exchange, routingKey: 'order.paid', routed: true, bytes: 12 });
    await expect(
      run('messages.publish', { exchange, routingKey: 'user.created', content: 'x' }),
    ).resolves.toMatchObject({ routed: false });
    await expect(run('messages.get', { queue })).resolves.toMatchObject({
      message: { content: 'order 7 paid', exchange, routingKey: 'order.paid', remaining: 0 },
    });
  });

  it('reports a redeclared exchange of another type as conflict', async () => {
    const exchange = exchangeName('typed');
    await run('exchanges.declare', { exchange, type: 'direct', durable: false });
    await expect(run('exchanges.declare', { exchange, type: 'fanout', durable: false })).rejects.toMatchObject({
      kind: 'conflict',
      status: 406,
    });
  });

  it('reports publishing to a missing exchange as not_found', async () => {
    const error = await connectorErrorOf(
      run('messages.publish', { exchange: exchangeName('absent'), routingKey: 'k', content: 'x' }),
    );
    expect(error).toMatchObject({ kind: 'not_found', status: 404, actionKey: 'messages.publish' });
  });

  it('reports getting from a missing queue as not_found', async () => {
    await expect(run('messages.get', { queue: queueName('absent') })).rejects.toMatchObject({
      kind: 'not_found',
      status: 404,
    });
  });

  it('asks where to publish when neither queue nor exchange is given, or both', async () => {
    await expect(run('messages.publish', { content: 'x' })).rejects.toMatchObject({ kind: 'invalid_input' });
    await expect(
      run('messages.publish', { queue: 'q', exchange: 'e', routingKey: 'k', content: 'x' }),
    ).rejects.toMatchObject({ kind: 'invalid_input' });
  });

  it('checks input against the schema before touching the broker', async () => {
    await expect(run('messages.get', { queue: 'q', decode: 'xml' })).rejects.toBeInstanceOf(ValidationError);
    await expect(run('messages.publish', { queue: 'q' })).rejects.toBeInstanceOf(ValidationError);
  });
});
