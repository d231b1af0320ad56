import { randomUUID } from 'node:crypto';
import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { ensureService, localServices } from '@mova/sdk';
import { freePort } from '@mova/sdk/testing';
import { type Channel, type ChannelModel, connect, type GetMessage } from 'amqplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Every action through the sandbox users run it in (worker thread, egress limited to the host the
// connection names), against the machine's real RabbitMQ on 127.0.0.1:5672 (guest/guest). Outputs
// are checked against what a second, direct amqplib connection sees on the broker.
const url = 'amqp://guest:guest@127.0.0.1:5672';
const auth = { url };
const runId = randomUUID().slice(0, 8);
const queues = new Set<string>();
const exchanges = new Set<string>();
const queueName = (name: string) => {
  const full = `mova-conformance-${runId}-${name}`;
  queues.add(full);
  return full;
};
const exchangeName = (name: string) => {
  const full = `mova-conformance-${runId}-${name}`;
  exchanges.add(full);
  return full;
};

let rabbit: ConnectorUnderTest;
let direct: ChannelModel;

beforeAll(async () => {
  await ensureService(localServices.rabbitmq);
  rabbit = await loadConnector({ dir: new URL('..', import.meta.url) });
  direct = await connect(url);
});

afterAll(async () => {
  const channel = await direct.createChannel();
  for (const queue of queues) await channel.deleteQueue(queue);
  for (const exchange of exchanges) await channel.deleteExchange(exchange);
  await direct.close();
  await rabbit.close();
});

/** Runs `use` on a fresh direct channel; a failed AMQP operation closes its channel, so never share one. */
async function onBroker<T>(use: (channel: Channel) => Promise<T>): Promise<T> {
  const channel = await direct.createChannel();
  // A failing check (404) closes the channel with an 'error' event; the rejected promise says it.
  channel.on('error', () => {});
  try {
    return await use(channel);
  } finally {
    await channel.close().catch(() => {});
  }
}

/** Takes the next message of a queue straight from the broker, failing when it holds none. */
async function take(queue: string): Promise<GetMessage> {
  const got = await onBroker((channel) => channel.get(queue, { noAck: true }));
  if (!got) throw new Error(`the broker holds no message in ${queue}`);
  return got;
}

describe('queues', () => {
  it('declares a queue with its properties and arguments', async () => {
    const queue = queueName('declared');
    const result = await rabbit.run(
      'queues.declare',
      { queue, durable: false, autoDelete: false, arguments: { 'x-message-ttl': 60_000, 'x-max-length': 10 } },
      { auth },
    );
    expect(result).toMatchObject({
      status: 'completed',
      output: { queue, messageCount: 0, consumerCount: 0 },
      isolation: 'worker',
    });
    // Redeclaring with the very same properties succeeds only if the broker holds exactly those.
    await expect(
      onBroker((channel) =>
        channel.assertQueue(queue, { durable: false, arguments: { 'x-message-ttl': 60_000, 'x-max-length': 10 } }),
      ),
    ).resolves.toMatchObject({ queue, messageCount: 0 });
  });

  it('checks a queue passively and reports its real message and consumer counts', async () => {
    const queue = queueName('passive');
    await onBroker(async (channel) => {
      await channel.assertQueue(queue, { durable: false });
      channel.sendToQueue(queue, Buffer.from('a'));
      channel.sendToQueue(queue, Buffer.from('b'));
    });
    const consumer = await direct.createChannel();
    const consumerQueue = queueName('consumed');
    await consumer.assertQueue(consumerQueue, { durable: false });
    await consumer.consume(consumerQueue, () => {});
    try {
      await expect.poll(() => onBroker((channel) => channel.checkQueue(queue)).then((q) => q.messageCount)).toBe(2);
      expect((await rabbit.run('queues.declare', { queue, passive: true }, { auth })).output).toEqual({
        queue,
        messageCount: 2,
        consumerCount: 0,
      });
      expect((await rabbit.run('queues.declare', { queue: consumerQueue, passive: true }, { auth })).output).toEqual({
        queue: consumerQueue,
        messageCount: 0,
        consumerCount: 1,
      });
    } finally {
      await consumer.close();
    }
  });

  it('purges a queue and says how many messages went', async () => {
    const queue = queueName('purge');
    await onBroker(async (channel) => {
      await channel.assertQueue(queue, { durable: false });
      for (const n of [1, 2, 3]) channel.sendToQueue(queue, Buffer.from(String(n)));
    });
    await expect.poll(() => onBroker((channel) => channel.checkQueue(queue)).then((q) => q.messageCount)).toBe(3);
    expect(await rabbit.run('queues.purge', { queue }, { auth })).toMatchObject({
      status: 'completed',
      output: { queue, purged: 3 },
    });
    await expect(onBroker((channel) => channel.checkQueue(queue))).resolves.toMatchObject({ messageCount: 0 });
  });

  it('deletes a queue with its messages, refusing a non-empty one with ifEmpty', async () => {
    const queue = queueName('delete');
    await onBroker(async (channel) => {
      await channel.assertQueue(queue, { durable: false });
      channel.sendToQueue(queue, Buffer.from('keep me'));
    });
    await expect.poll(() => onBroker((channel) => channel.checkQueue(queue)).then((q) => q.messageCount)).toBe(1);

    const refused = await rabbit.run('queues.delete', { queue, ifEmpty: true }, { auth });
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'conflict', status: 406 } });
    await expect(onBroker((channel) => channel.checkQueue(queue))).resolves.toMatchObject({ messageCount: 1 });

    expect((await rabbit.run('queues.delete', { queue }, { auth })).output).toEqual({ queue, deletedMessages: 1 });
    await expect(onBroker((channel) => channel.checkQueue(queue))).rejects.toThrow(/NOT_FOUND/);
  });

  it('maps broker refusals: redeclare (406 conflict), missing queue (404 not_found), bad argument', async () => {
    const queue = queueName('redeclare');
    await onBroker((channel) => channel.assertQueue(queue, { durable: true }));
    const conflict = await rabbit.run('queues.declare', { queue, durable: false }, { auth });
    expect(conflict).toMatchObject({
      status: 'failed',
      error: { kind: 'conflict', status: 406, actionKey: 'queues.declare' },
    });
    expect(conflict.error?.message).toContain('PRECONDITION_FAILED');

    const missing = await rabbit.run('queues.declare', { queue: queueName('missing'), passive: true }, { auth });
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });

    const badArgument = await rabbit.run(
      'queues.declare',
      { queue: queueName('bad-arg'), arguments: { 'x-message-ttl': 'soon' } },
      { auth },
    );
    expect(badArgument).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 406 } });
  });
});

describe('exchanges and bindings', () => {
  it('declares a topic exchange, binds a queue by pattern and routes through it', async () => {
    const exchange = exchangeName('events');
    const queue = queueName('paid');
    await onBroker((channel) => channel.assertQueue(queue, { durable: false }));

    expect(
      await rabbit.run('exchanges.declare', { exchange, type: 'topic', durable: false, autoDelete: false }, { auth }),
    ).toMatchObject({ status: 'completed', output: { exchange, type: 'topic' } });
    // A passive check proves it exists; redeclaring as another type proves the broker holds `topic`.
    await expect(onBroker((channel) => channel.checkExchange(exchange))).resolves.toBeDefined();
    await expect(onBroker((channel) => channel.assertExchange(exchange, 'direct', { durable: false }))).rejects.toThrow(
      /PRECONDITION_FAILED/,
    );

    expect(await rabbit.run('queues.bind', { queue, exchange, routingKey: 'order.*' }, { auth })).toMatchObject({
      status: 'completed',
      output: { queue, exchange, routingKey: 'order.*' },
    });

    // The broker routes by the binding: a direct publish with a matching key lands in the queue.
    await onBroker(async (channel) => {
      channel.publish(exchange, 'order.paid', Buffer.from('order 7 paid'));
      channel.publish(exchange, 'user.created', Buffer.from('not for us'));
    });
    await expect.poll(() => onBroker((channel) => channel.checkQueue(queue)).then((q) => q.messageCount)).toBe(1);
    const got = await take(queue);
    expect(got.content.toString()).toBe('order 7 paid');
  });

  it('reports an exchange redeclared with another type as conflict', async () => {
    const exchange = exchangeName('typed');
    await onBroker((channel) => channel.assertExchange(exchange, 'direct', { durable: false }));
    const result = await rabbit.run('exchanges.declare', { exchange, type: 'fanout', durable: false }, { auth });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'conflict', status: 406 } });
  });
});

describe('messages', () => {
  it('publishes JSON with properties to a queue and the broker holds exactly that', async () => {
    const queue = queueName('json');
    await onBroker((channel) => channel.assertQueue(queue, { durable: false }));
    const result = await rabbit.run(
      'messages.publish',
      {
        queue,
        content: { id: 7, tags: ['a', 'b'] },
        headers: { source: 'billing', attempt: 2 },
        messageId: 'm-7',
        correlationId: 'c-1',
        replyTo: 'replies',
        expirationMs: 60_000,
        priority: 3,
      },
      { auth },
    );
    expect(result).toMatchObject({
      status: 'completed',
      output: { exchange: '', routingKey: queue, routed: true, bytes: 25 },
    });

    const got = await take(queue);
    expect(JSON.parse(got.content.toString())).toEqual({ id: 7, tags: ['a', 'b'] });
    expect(got.content.length).toBe(25);
    expect(got.properties).toMatchObject({
      contentType: 'application/json',
      deliveryMode: 2,
      headers: { source: 'billing', attempt: 2 },
      messageId: 'm-7',
      correlationId: 'c-1',
      replyTo: 'replies',
      expiration: '60000',
      priority: 3,
    });
  });

  it('publishes to an exchange and says whether a queue took it', async () => {
    const exchange = exchangeName('orders');
    const queue = queueName('orders-eu');
    await onBroker(async (channel) => {
      await channel.assertExchange(exchange, 'direct', { durable: false });
      await channel.assertQueue(queue, { durable: false });
      await channel.bindQueue(queue, exchange, 'eu');
    });

    const routed = await rabbit.run(
      'messages.publish',
      { exchange, routingKey: 'eu', content: 'order 7', persistent: false },
      { auth },
    );
    expect(routed.output).toEqual({ exchange, routingKey: 'eu', routed: true, bytes: 7 });
    const unrouted = await rabbit.run('messages.publish', { exchange, routingKey: 'us', content: 'x' }, { auth });
    expect(unrouted.output).toEqual({ exchange, routingKey: 'us', routed: false, bytes: 1 });

    const got = await take(queue);
    expect([got.content.toString(), got.properties.contentType, got.properties.deliveryMode]).toEqual([
      'order 7',
      'text/plain',
      1,
    ]);
    await expect(onBroker((channel) => channel.checkQueue(queue))).resolves.toMatchObject({ messageCount: 0 });
  });

  it('gets a message another client published, with its properties, and acknowledges it', async () => {
    const queue = queueName('get');
    await onBroker(async (channel) => {
      await channel.assertQueue(queue, { durable: false });
      channel.sendToQueue(queue, Buffer.from('{"id":9}'), {
        contentType: 'application/json',
        persistent: true,
        headers: { source: 'shop', retries: 1 },
        timestamp: 1_700_000_000,
        appId: 'shop',
        type: 'order.created',
      });
      channel.sendToQueue(queue, Buffer.from([0xff, 0x00, 0xfe]));
    });
    await expect.poll(() => onBroker((channel) => channel.checkQueue(queue)).then((q) => q.messageCount)).toBe(2);

    expect((await rabbit.run('messages.get', { queue }, { auth })).output).toEqual({
      queue,
      empty: false,
      message: {
        content: { id: 9 },
        encoding: 'json',
        exchange: '',
        routingKey: queue,
        redelivered: false,
        remaining: 1,
        properties: {
          contentType: 'application/json',
          persistent: true,
          headers: { source: 'shop', retries: 1 },
          timestamp: 1_700_000_000,
          appId: 'shop',
          type: 'order.created',
        },
      },
    });
    expect((await rabbit.run('messages.get', { queue }, { auth })).output).toMatchObject({
      message: { content: Buffer.from([0xff, 0x00, 0xfe]).toString('base64'), encoding: 'base64', remaining: 0 },
    });
    // Both were acknowledged: the broker holds nothing, and the connector says so.
    await expect(onBroker((channel) => channel.checkQueue(queue))).resolves.toMatchObject({ messageCount: 0 });
    expect((await rabbit.run('messages.get', { queue }, { auth })).output).toEqual({ queue, empty: true });
  });

  it('puts a message back with requeue, and a body it cannot decode as asked', async () => {
    const queue = queueName('requeue');
    await onBroker(async (channel) => {
      await channel.assertQueue(queue, { durable: false });
      channel.sendToQueue(queue, Buffer.from([0xff, 0x00]));
    });
    await expect.poll(() => onBroker((channel) => channel.checkQueue(queue)).then((q) => q.messageCount)).toBe(1);

    expect((await rabbit.run('messages.get', { queue, requeue: true }, { auth })).output).toMatchObject({
      message: { encoding: 'base64', redelivered: false },
    });
    const undecodable = await rabbit.run('messages.get', { queue, decode: 'text' }, { auth });
    expect(undecodable).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    await expect(onBroker((channel) => channel.checkQueue(queue))).resolves.toMatchObject({ messageCount: 1 });
    const got = await take(queue);
    expect(got.fields.redelivered).toBe(true);
  });

  it('maps a missing exchange or queue to not_found', async () => {
    const toExchange = await rabbit.run(
      'messages.publish',
      { exchange: exchangeName('absent'), routingKey: 'k', content: 'x' },
      { auth },
    );
    expect(toExchange).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', status: 404, actionKey: 'messages.publish' },
    });
    const fromQueue = await rabbit.run('messages.get', { queue: queueName('absent') }, { auth });
    expect(fromQueue).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
  });

  it('refuses invalid input before touching the broker', async () => {
    const schema = await rabbit.run('messages.get', { queue: 'q', decode: 'xml' }, { auth });
    expect(schema).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    const both = await rabbit.run('messages.publish', { queue: 'q', exchange: 'e', content: 'x' }, { auth });
    expect(both).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });
});

describe('connection', () => {
  it('connects with separate fields instead of a URL', async () => {
    const queue = queueName('fields');
    const fields = { host: '127.0.0.1', port: 5672, username: 'guest', password: 'guest', vhost: '/' };
    expect((await rabbit.run('queues.declare', { queue, durable: false }, { auth: fields })).output).toEqual({
      queue,
      messageCount: 0,
      consumerCount: 0,
    });
    await expect(onBroker((channel) => channel.checkQueue(queue))).resolves.toMatchObject({ queue });
  });

  it('reports refused credentials as auth (403)', async () => {
    const result = await rabbit.run(
      'queues.declare',
      { queue: queueName('x'), passive: true },
      { auth: { url: 'amqp://guest:wrong@127.0.0.1:5672' } },
    );
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 403 } });
    expect(result.error?.message).toContain('ACCESS_REFUSED');
  });

  it('reports a closed port as transient', async () => {
    const result = await rabbit.run(
      'queues.purge',
      { queue: queueName('x') },
      { auth: { host: '127.0.0.1', port: await freePort() } },
    );
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'transient' } });
    expect(result.error?.message).toContain('ECONNREFUSED');
  });
});
