import { randomUUID } from 'node:crypto';
import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { ensureService, localServices } from '@mova/sdk';
import { freePort } from '@mova/sdk/testing';
import { AckPolicy, type JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import { type KV, Kvm } from '@nats-io/kv';
import { connect, headers, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrivateServer, startPrivateServer } from './private-server.js';

// Every action and the trigger through the sandbox users get (worker thread, egress limited to the
// host the connection names), against the machine's nats-server with JetStream on 127.0.0.1:4222.
// A direct nats.js connection subscribes, answers requests and reads streams and buckets beside
// it, so each output is checked against what the server really delivered or holds. A private
// nats-server with TLS and a password covers auth and TLS.
const id = randomUUID().replaceAll('-', '').slice(0, 12);
const subject = (name: string) => `mova.conformance.${id}.${name}`;
const STREAM = `MOVA_CONFORMANCE_${id}`;
const BUCKET = `mova_conformance_${id}`;
const auth = { servers: 'nats://127.0.0.1:4222' };

let nats: ConnectorUnderTest;
let direct: NatsConnection;
let jsm: JetStreamManager;
let kv: KV;
let secured: PrivateServer;

beforeAll(async () => {
  await ensureService(localServices.nats);
  [nats, direct, secured] = await Promise.all([
    loadConnector({ dir: new URL('..', import.meta.url) }),
    connect({ servers: auth.servers }),
    startPrivateServer(),
  ]);
  jsm = await jetstreamManager(direct);
  await jsm.streams.add({ name: STREAM, subjects: [subject('js.>')] });
  kv = await new Kvm(direct).create(BUCKET, { history: 5 });
});

afterAll(async () => {
  await jsm?.streams.delete(STREAM).catch(() => {});
  await kv?.destroy().catch(() => {});
  await direct?.drain();
  await Promise.all([nats?.close(), secured?.stop()]);
});

describe('core NATS', () => {
  it('publishes JSON with headers, and binary content byte for byte, as a subscriber receives them', async () => {
    const received: Msg[] = [];
    const sub = direct.subscribe(subject('events.*'), {
      callback: (_error, msg) => {
        received.push(msg);
      },
    });
    await direct.flush();
    const json = await nats.run(
      'publish',
      {
        subject: subject('events.a'),
        payload: { id: 7, total: 42.5 },
        headers: { source: 'shop', tag: ['a', 'b'] },
        replyTo: subject('replies'),
      },
      { auth },
    );
    expect(json).toMatchObject({ status: 'completed', output: { subject: subject('events.a'), bytes: 21 } });
    const bytes = Buffer.from([0, 1, 2, 253, 254, 255]);
    const binary = await nats.run(
      'publish',
      {
        subject: subject('events.b'),
        payload: bytes.toString('base64'),
        encoding: 'base64',
        contentType: 'application/octet-stream',
      },
      { auth },
    );
    expect(binary).toMatchObject({ status: 'completed', output: { bytes: 6 } });
    await waitFor(() => received.length === 2);
    sub.unsubscribe();
    expect(received[0]?.subject).toBe(subject('events.a'));
    expect(received[0]?.string()).toBe('{"id":7,"total":42.5}');
    expect(received[0]?.headers?.get('source')).toBe('shop');
    expect(received[0]?.headers?.values('tag')).toEqual(['a', 'b']);
    expect(received[0]?.reply).toBe(subject('replies'));
    expect(Buffer.from(received[1]?.data ?? [])).toEqual(bytes);
    expect(received[1]?.headers?.get('Content-Type')).toBe('application/octet-stream');
  });

  it('sends a request and returns the reply a responder sent', async () => {
    const sub = direct.subscribe(subject('inventory.check'), {
      callback: (_error, msg) => {
        const h = headers();
        h.set('served-by', 'test');
        msg.respond(JSON.stringify({ ...msg.json<object>(), inStock: 12, asked: msg.headers?.get('x-caller') }), {
          headers: h,
        });
      },
    });
    await direct.flush();
    const result = await nats.run(
      'request',
      { subject: subject('inventory.check'), payload: { sku: 'A-7' }, headers: { 'x-caller': 'mova' } },
      { auth },
    );
    sub.unsubscribe();
    expect(result).toMatchObject({
      status: 'completed',
      output: {
        subject: subject('inventory.check'),
        reply: {
          payload: { sku: 'A-7', inStock: 12, asked: 'mova' },
          encoding: 'json',
          headers: { 'served-by': 'test' },
        },
      },
    });
  });

  it('fails a request nobody listens to as not found, and an unanswered one as transient', async () => {
    const none = await nats.run('request', { subject: subject('nobody'), payload: 'x' }, { auth });
    expect(none).toMatchObject({ status: 'failed', error: { kind: 'not_found', actionKey: 'request' } });
    expect(none.error?.message).toMatch(/no responders/);

    const sub = direct.subscribe(subject('silent'), { callback: () => {} });
    await direct.flush();
    const silent = await nats.run('request', { subject: subject('silent'), payload: 'x', timeoutMs: 200 }, { auth });
    sub.unsubscribe();
    expect(silent).toMatchObject({ status: 'failed', error: { kind: 'transient' } });
  });
});

describe('JetStream', () => {
  it('publishes to a stream with its sequence, stores a repeated message id once, and checks expectations', async () => {
    const first = await nats.run(
      'jetstream.publish',
      { subject: subject('js.orders'), payload: { id: 1 }, messageId: `order-1-${id}`, headers: { source: 'shop' } },
      { auth },
    );
    expect(first).toMatchObject({ status: 'completed', output: { stream: STREAM, duplicate: false, bytes: 8 } });
    const { sequence } = first.output as { sequence: number };
    const stored = await jsm.streams.getMessage(STREAM, { seq: sequence });
    expect(stored?.subject).toBe(subject('js.orders'));
    expect(stored?.string()).toBe('{"id":1}');
    expect(stored?.header.get('source')).toBe('shop');

    const again = await nats.run(
      'jetstream.publish',
      { subject: subject('js.orders'), payload: { id: 1 }, messageId: `order-1-${id}` },
      { auth },
    );
    expect(again).toMatchObject({ status: 'completed', output: { sequence, duplicate: true } });
    expect((await jsm.streams.info(STREAM)).state.messages).toBe(1);

    const stale = await nats.run(
      'jetstream.publish',
      { subject: subject('js.orders'), payload: 'x', expectedLastSequence: sequence + 5 },
      { auth },
    );
    expect(stale).toMatchObject({ status: 'failed', error: { kind: 'conflict' } });
    const wrongStream = await nats.run(
      'jetstream.publish',
      { subject: subject('js.orders'), payload: 'x', expectedStream: 'OTHER' },
      { auth },
    );
    expect(wrongStream).toMatchObject({ status: 'failed', error: { kind: 'conflict' } });
    const ok = await nats.run(
      'jetstream.publish',
      { subject: subject('js.orders'), payload: 'next', expectedLastSequence: sequence, expectedStream: STREAM },
      { auth },
    );
    expect(ok).toMatchObject({ status: 'completed', output: { sequence: sequence + 1 } });
  });

  it('fetches from a durable consumer and acknowledges on fetch', async () => {
    const consumer = `fetch-${id}`;
    await jsm.consumers.add(STREAM, {
      durable_name: consumer,
      ack_policy: AckPolicy.Explicit,
      filter_subject: subject('js.fetch.>'),
    });
    for (const n of [1, 2, 3]) await direct.publish(subject(`js.fetch.${n}`), JSON.stringify({ n }));
    await direct.flush();
    await waitFor(async () => (await jsm.consumers.info(STREAM, consumer)).num_pending === 3);

    const result = await nats.run('jetstream.fetch', { stream: STREAM, consumer, count: 2 }, { auth });
    expect(result.status).toBe('completed');
    const output = result.output as {
      count: number;
      messages: { sequence: number; payload: unknown; ackId?: string }[];
    };
    expect(output.count).toBe(2);
    expect(output.messages).toEqual([
      expect.objectContaining({
        subject: subject('js.fetch.1'),
        payload: { n: 1 },
        encoding: 'json',
        stream: STREAM,
        consumer,
        deliveryCount: 1,
        pending: 2,
      }),
      expect.objectContaining({ subject: subject('js.fetch.2'), payload: { n: 2 }, deliveryCount: 1, pending: 1 }),
    ]);
    expect(output.messages[0]?.ackId).toBeUndefined();
    for (const message of output.messages) {
      expect((await jsm.streams.getMessage(STREAM, { seq: message.sequence }))?.json()).toEqual(message.payload);
    }
    const info = await jsm.consumers.info(STREAM, consumer);
    expect(info.num_ack_pending).toBe(0);
    expect(info.ack_floor.stream_seq).toBe(output.messages[1]?.sequence);
    expect(info.num_pending).toBe(1);
  });

  it('leaves acknowledgement to jetstream.ack with ack manual: nak redelivers, ack settles, term ends', async () => {
    const consumer = `manual-${id}`;
    await jsm.consumers.add(STREAM, {
      durable_name: consumer,
      ack_policy: AckPolicy.Explicit,
      filter_subject: subject('js.manual.>'),
    });
    await direct.publish(subject('js.manual.a'), 'first');
    await direct.publish(subject('js.manual.b'), 'second');
    await direct.flush();

    const fetched = await nats.run('jetstream.fetch', { stream: STREAM, consumer, count: 2, ack: 'manual' }, { auth });
    const [a, b] = (fetched.output as { messages: { ackId: string; payload: string }[] }).messages;
    expect([a?.payload, b?.payload]).toEqual(['first', 'second']);
    expect(a?.ackId).toMatch(/^\$JS\.ACK\./);
    expect((await jsm.consumers.info(STREAM, consumer)).num_ack_pending).toBe(2);

    expect(await nats.run('jetstream.ack', { ackId: a?.ackId, action: 'nak' }, { auth })).toMatchObject({
      status: 'completed',
      output: { action: 'nak' },
    });
    expect(await nats.run('jetstream.ack', { ackId: b?.ackId, action: 'ack' }, { auth })).toMatchObject({
      status: 'completed',
    });
    const redelivered = await nats.run(
      'jetstream.fetch',
      { stream: STREAM, consumer, count: 1, ack: 'manual' },
      { auth },
    );
    const again = (redelivered.output as { messages: { ackId: string; payload: string; deliveryCount: number }[] })
      .messages[0];
    expect(again).toMatchObject({ payload: 'first', deliveryCount: 2 });
    expect(await nats.run('jetstream.ack', { ackId: again?.ackId, action: 'inProgress' }, { auth })).toMatchObject({
      status: 'completed',
    });
    expect(
      await nats.run('jetstream.ack', { ackId: again?.ackId, action: 'term', reason: 'bad data' }, { auth }),
    ).toMatchObject({
      status: 'completed',
    });
    const info = await jsm.consumers.info(STREAM, consumer);
    expect(info.num_ack_pending).toBe(0);
    expect(info.num_pending).toBe(0);
  });

  it('fails on a stream or consumer that does not exist as not found', async () => {
    const noStream = await nats.run('jetstream.fetch', { stream: `NOPE_${id}`, consumer: 'x' }, { auth });
    expect(noStream).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
    const noConsumer = await nats.run('jetstream.fetch', { stream: STREAM, consumer: 'nope' }, { auth });
    expect(noConsumer).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
    expect(noConsumer.error?.message).toMatch(/consumer not found/);
  });

  it('fires the trigger for each message the consumer delivers, from the first poll on', async () => {
    const consumer = `trigger-${id}`;
    await jsm.consumers.add(STREAM, {
      durable_name: consumer,
      ack_policy: AckPolicy.Explicit,
      filter_subject: subject('js.trigger.>'),
    });
    await direct.publish(subject('js.trigger.a'), 'before the first poll');
    await direct.flush();
    const input = { stream: STREAM, consumer };
    const first = await nats.poll('jetstream.newMessage', input, { auth });
    expect(first).toMatchObject({
      status: 'completed',
      items: [{ payload: 'before the first poll', subject: subject('js.trigger.a') }],
    });
    const firstItem = first.items[0] as { id: string; sequence: number };
    expect(firstItem.id).toBe(`${STREAM}:${firstItem.sequence}`);

    const second = await nats.poll('jetstream.newMessage', input, { auth, state: first.state });
    expect(second).toMatchObject({ status: 'completed', items: [] });
    for (const n of [1, 2]) await direct.publish(subject('js.trigger.b'), `${n}`);
    await direct.flush();
    const third = await nats.poll('jetstream.newMessage', input, { auth, state: second.state });
    expect((third.items as { payload: string }[]).map((item) => item.payload)).toEqual(['1', '2']);
    expect((await jsm.consumers.info(STREAM, consumer)).num_ack_pending).toBe(0);
  });
});

describe('key-value', () => {
  it('puts, gets, compares-and-sets, lists and deletes keys as the bucket holds them', async () => {
    const put = await nats.run('kv.put', { bucket: BUCKET, key: 'tenants.acme.plan', value: 'enterprise' }, { auth });
    expect(put).toMatchObject({ status: 'completed', output: { bucket: BUCKET, key: 'tenants.acme.plan', bytes: 10 } });
    const held = await kv.get('tenants.acme.plan');
    expect(held?.string()).toBe('enterprise');
    expect((put.output as { revision: number }).revision).toBe(held?.revision);

    const got = await nats.run('kv.get', { bucket: BUCKET, key: 'tenants.acme.plan' }, { auth });
    expect(got).toMatchObject({
      status: 'completed',
      output: {
        found: true,
        value: 'enterprise',
        encoding: 'text',
        bytes: 10,
        revision: held?.revision,
        updatedAt: held?.created.toISOString(),
      },
    });

    const cas = await nats.run(
      'kv.put',
      { bucket: BUCKET, key: 'tenants.acme.plan', value: { tier: 'gold' }, previousRevision: held?.revision },
      { auth },
    );
    expect(cas).toMatchObject({ status: 'completed' });
    expect((await kv.get('tenants.acme.plan'))?.json()).toEqual({ tier: 'gold' });
    const stale = await nats.run(
      'kv.put',
      { bucket: BUCKET, key: 'tenants.acme.plan', value: 'lost', previousRevision: held?.revision },
      { auth },
    );
    expect(stale).toMatchObject({ status: 'failed', error: { kind: 'conflict' } });
    const exists = await nats.run(
      'kv.put',
      { bucket: BUCKET, key: 'tenants.acme.plan', value: 'x', previousRevision: 0 },
      { auth },
    );
    expect(exists).toMatchObject({ status: 'failed', error: { kind: 'conflict' } });
    const fresh = await nats.run(
      'kv.put',
      { bucket: BUCKET, key: 'tenants.globex.plan', value: 'AAH/', encoding: 'base64', previousRevision: 0 },
      { auth },
    );
    expect(fresh).toMatchObject({ status: 'completed', output: { bytes: 3 } });
    expect(Buffer.from((await kv.get('tenants.globex.plan'))?.value ?? [])).toEqual(Buffer.from([0, 1, 255]));
    expect(await nats.run('kv.get', { bucket: BUCKET, key: 'tenants.globex.plan' }, { auth })).toMatchObject({
      output: { value: 'AAH/', encoding: 'base64' },
    });
    const older = await nats.run(
      'kv.get',
      { bucket: BUCKET, key: 'tenants.acme.plan', revision: held?.revision },
      { auth },
    );
    expect(older).toMatchObject({ output: { found: true, value: 'enterprise' } });

    await kv.put('other.key', 'x');
    const keys = await nats.run('kv.keys', { bucket: BUCKET, filter: 'tenants.*.plan' }, { auth });
    expect(keys).toMatchObject({
      status: 'completed',
      output: { keys: ['tenants.acme.plan', 'tenants.globex.plan'], count: 2, truncated: false },
    });
    expect(await nats.run('kv.keys', { bucket: BUCKET, limit: 1 }, { auth })).toMatchObject({
      output: { keys: ['other.key'], count: 1, truncated: true },
    });

    const deleted = await nats.run('kv.delete', { bucket: BUCKET, key: 'tenants.acme.plan' }, { auth });
    expect(deleted).toMatchObject({ status: 'completed', output: { purged: false } });
    expect((await kv.get('tenants.acme.plan'))?.operation).toBe('DEL');
    expect(await nats.run('kv.get', { bucket: BUCKET, key: 'tenants.acme.plan' }, { auth })).toMatchObject({
      output: { found: false },
    });
    const purged = await nats.run('kv.delete', { bucket: BUCKET, key: 'tenants.globex.plan', purge: true }, { auth });
    expect(purged).toMatchObject({ status: 'completed', output: { purged: true } });
    expect((await kv.get('tenants.globex.plan'))?.operation).toBe('PURGE');
    expect(await nats.run('kv.keys', { bucket: BUCKET }, { auth })).toMatchObject({ output: { keys: ['other.key'] } });
  });

  it('refuses a stale delete, and fails on a bucket that does not exist as not found', async () => {
    const revision = await kv.put('guarded', 'v1');
    await kv.put('guarded', 'v2');
    const stale = await nats.run('kv.delete', { bucket: BUCKET, key: 'guarded', previousRevision: revision }, { auth });
    expect(stale).toMatchObject({ status: 'failed', error: { kind: 'conflict' } });
    expect((await kv.get('guarded'))?.string()).toBe('v2');

    const missing = await nats.run('kv.get', { bucket: `nope_${id}`, key: 'x' }, { auth });
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
    const badKey = await nats.run('kv.get', { bucket: BUCKET, key: 'bad key' }, { auth });
    expect(badKey).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });
});

describe('connection failures', () => {
  it('connects over TLS with the trusted certificate and password, and says why otherwise', async () => {
    const servers = `tls://127.0.0.1:${secured.port}`;
    const good = { servers, username: secured.username, password: secured.password, ca: secured.certificate };
    const ok = await nats.run('publish', { subject: 'tls.check', payload: 'x' }, { auth: good });
    expect(ok, JSON.stringify(ok.error)).toMatchObject({ status: 'completed' });

    const wrong = await nats.run(
      'publish',
      { subject: 'tls.check', payload: 'x' },
      { auth: { ...good, password: 'wrong' } },
    );
    expect(wrong).toMatchObject({ status: 'failed', error: { kind: 'auth' } });
    const untrusted = await nats.run(
      'publish',
      { subject: 'tls.check', payload: 'x' },
      { auth: { ...good, ca: undefined } },
    );
    expect(untrusted).toMatchObject({ status: 'failed', error: { kind: 'auth' } });
    expect(untrusted.error?.hint).toMatch(/`ca`/);
  });

  it('reports a closed port as transient', async () => {
    const result = await nats.run(
      'publish',
      { subject: 'x', payload: 'x' },
      { auth: { servers: `nats://127.0.0.1:${await freePort()}` } },
    );
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'transient' } });
  });
});

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
