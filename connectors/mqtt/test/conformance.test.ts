import { randomUUID } from 'node:crypto';
import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { ensureService, localServices } from '@mova/sdk';
import { freePort } from '@mova/sdk/testing';
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionClientId } from '../src/triggers/new-message.js';
import { type PrivateBroker, startPrivateBroker } from './private-broker.js';

// Every action and the trigger through the sandbox users get (worker thread, egress limited to the
// host the connection names), against the machine's Mosquitto on 127.0.0.1:1883. A direct mqtt.js
// client subscribes and publishes beside it, so each output is checked against what the broker
// really delivered or holds. A private Mosquitto with passwords and TLS covers auth and mqtts.
const prefix = `mova-conformance/${randomUUID()}`;
const t = (name: string) => `${prefix}/${name}`;
const auth = { host: '127.0.0.1', port: 1883 };

let broker: ConnectorUnderTest;
let direct: MqttClient;
let secured: PrivateBroker;

beforeAll(async () => {
  await ensureService(localServices.mosquitto);
  [broker, direct, secured] = await Promise.all([
    loadConnector({ dir: new URL('..', import.meta.url) }),
    mqtt.connectAsync('mqtt://127.0.0.1:1883', { protocolVersion: 5, reconnectPeriod: 0 }),
    startPrivateBroker(),
  ]);
});

afterAll(async () => {
  // Leave no retained message behind on the shared broker.
  if (direct) {
    const retained = await collect(direct, `${prefix}/#`, 300);
    for (const packet of retained) await direct.publishAsync(packet.topic, '', { qos: 1, retain: true });
    await direct.endAsync();
  }
  await Promise.all([broker?.close(), secured?.stop()]);
});

describe('publish', () => {
  it('publishes with QoS 0, 1 and 2, acknowledged from 1 on, as a subscriber receives them', async () => {
    const watcher = await listener(t('qos/#'));
    try {
      const results = [];
      for (const qos of [0, 1, 2] as const) {
        results.push(await broker.run('publish', { topic: t(`qos/${qos}`), payload: `at qos ${qos}`, qos }, { auth }));
      }
      expect(results.map((r) => r.status)).toEqual(['completed', 'completed', 'completed']);
      expect(results.map((r) => r.output)).toEqual([
        { topic: t('qos/0'), qos: 0, retain: false, bytes: 8, acknowledged: false },
        { topic: t('qos/1'), qos: 1, retain: false, bytes: 8, acknowledged: true, matchedSubscribers: true },
        { topic: t('qos/2'), qos: 2, retain: false, bytes: 8, acknowledged: true, matchedSubscribers: true },
      ]);
      const received = await watcher.next(3);
      expect(received.map((p) => [p.topic, p.payload.toString(), p.qos, p.retain])).toEqual([
        [t('qos/0'), 'at qos 0', 0, false],
        [t('qos/1'), 'at qos 1', 1, false],
        [t('qos/2'), 'at qos 2', 2, false],
      ]);
      expect(received[1]?.properties).toMatchObject({ contentType: 'text/plain', payloadFormatIndicator: true });
    } finally {
      await watcher.close();
    }
  });

  it('says when no subscriber matched (MQTT 5 reason 16)', async () => {
    const result = await broker.run('publish', { topic: t('nobody'), payload: 'x', qos: 1 }, { auth });
    expect(result).toMatchObject({ status: 'completed', output: { acknowledged: true, matchedSubscribers: false } });
  });

  it('retains JSON with MQTT 5 properties, and binary content byte for byte', async () => {
    const json = await broker.run(
      'publish',
      {
        topic: t('retained/json'),
        payload: { id: 7, status: 'paid' },
        qos: 1,
        retain: true,
        responseTopic: t('replies'),
        correlationData: 'req-7',
        userProperties: { source: 'billing' },
        messageExpirySeconds: 3600,
      },
      { auth },
    );
    expect(json).toMatchObject({ status: 'completed', output: { retain: true, bytes: 24 } });
    const bytes = Buffer.from([0, 1, 2, 253, 254, 255]);
    const binary = await broker.run(
      'publish',
      { topic: t('retained/bin'), payload: bytes.toString('base64'), encoding: 'base64', qos: 2, retain: true },
      { auth },
    );
    expect(binary).toMatchObject({ status: 'completed', output: { bytes: 6, retain: true } });

    const held = await collect(direct, t('retained/#'), 300);
    const byTopic = new Map(held.map((p) => [p.topic, p]));
    expect(byTopic.get(t('retained/json'))?.payload.toString()).toBe('{"id":7,"status":"paid"}');
    expect(byTopic.get(t('retained/json'))?.retain).toBe(true);
    expect(byTopic.get(t('retained/json'))?.properties).toMatchObject({
      contentType: 'application/json',
      responseTopic: t('replies'),
      correlationData: Buffer.from('req-7'),
      userProperties: { source: 'billing' },
    });
    expect(byTopic.get(t('retained/bin'))?.payload).toEqual(bytes);
    expect(byTopic.get(t('retained/bin'))?.properties?.contentType).toBe('application/octet-stream');
  });

  it('refuses content that is not base64 before connecting', async () => {
    const result = await broker.run('publish', { topic: t('x'), payload: 'not base64!', encoding: 'base64' }, { auth });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });

  it('publishes a list of messages in order over one connection', async () => {
    const watcher = await listener(t('many/#'));
    try {
      const result = await broker.run(
        'publishMany',
        {
          messages: [
            { topic: t('many/a'), payload: 'first' },
            { topic: t('many/b'), payload: { n: 2 }, qos: 2 },
            { topic: t('many/a'), payload: 'third', qos: 0 },
          ],
        },
        { auth },
      );
      expect(result).toMatchObject({ status: 'completed', output: { published: 3 } });
      const received = await watcher.next(3);
      expect(received.map((p) => [p.topic, p.payload.toString(), p.qos])).toEqual([
        [t('many/a'), 'first', 1],
        [t('many/b'), '{"n":2}', 2],
        [t('many/a'), 'third', 0],
      ]);
    } finally {
      await watcher.close();
    }
  });
});

describe('messages.take', () => {
  it('takes the next N messages published while it waits, decoded', async () => {
    // The take subscribes inside the sandbox at a moment the test cannot see, so a publisher
    // keeps sending numbered messages until the take has returned.
    let n = 0;
    const sent: string[] = [];
    const timer = setInterval(() => {
      n += 1;
      const payload = JSON.stringify({ n });
      sent.push(payload);
      void direct.publishAsync(t('take/live'), payload, { qos: 1 });
    }, 50);
    let result: Awaited<ReturnType<ConnectorUnderTest['run']>>;
    try {
      result = await broker.run('messages.take', { topic: t('take/+'), count: 3, timeoutSeconds: 10 }, { auth });
    } finally {
      clearInterval(timer);
    }
    expect(result).toMatchObject({ status: 'completed', output: { topic: t('take/+'), count: 3, timedOut: false } });
    const output = result.output as {
      messages: { topic: string; payload: { n: number }; encoding: string; qos: number }[];
    };
    const first = output.messages[0]?.payload.n ?? 0;
    expect(output.messages).toEqual(
      [first, first + 1, first + 2].map((k) =>
        expect.objectContaining({ topic: t('take/live'), payload: { n: k }, encoding: 'json', qos: 1, retain: false }),
      ),
    );
    expect(sent).toContain(JSON.stringify({ n: first + 2 }));
  });

  it('gives retained values first, with their flag, and binary as base64', async () => {
    await direct.publishAsync(t('state/a'), Buffer.from([0xff, 0x00, 0x10]), { qos: 1, retain: true });
    const result = await broker.run('messages.take', { topic: t('state/a'), count: 1, timeoutSeconds: 5 }, { auth });
    expect(result).toMatchObject({
      status: 'completed',
      output: {
        count: 1,
        timedOut: false,
        messages: [{ topic: t('state/a'), payload: '/wAQ', encoding: 'base64', bytes: 3, retain: true }],
      },
    });
    const without = await broker.run(
      'messages.take',
      { topic: t('state/a'), count: 1, timeoutSeconds: 0.5, includeRetained: false, decode: 'text' },
      { auth },
    );
    expect(without).toMatchObject({ status: 'completed', output: { count: 0, messages: [], timedOut: true } });
  });

  it('returns what arrived when the time runs out', async () => {
    const started = Date.now();
    const result = await broker.run('messages.take', { topic: t('quiet/#'), count: 5, timeoutSeconds: 0.6 }, { auth });
    expect(result).toMatchObject({ status: 'completed', output: { count: 0, timedOut: true } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
  });

  it('works with MQTT 3.1.1 too', async () => {
    await direct.publishAsync(t('v311/state'), 'on', { qos: 1, retain: true });
    const result = await broker.run(
      'messages.take',
      { topic: t('v311/#'), count: 1, timeoutSeconds: 5 },
      { auth: { ...auth, protocolVersion: 4 } },
    );
    expect(result).toMatchObject({
      status: 'completed',
      output: { messages: [{ topic: t('v311/state'), payload: 'on', encoding: 'text', retain: true }] },
    });
    const published = await broker.run(
      'publish',
      { topic: t('v311/cmd'), payload: 'go', qos: 2 },
      { auth: { ...auth, protocolVersion: 4 } },
    );
    expect(published).toMatchObject({ status: 'completed', output: { acknowledged: true } });
    expect((published.output as Record<string, unknown>).matchedSubscribers).toBeUndefined();
  });
});

describe('retained messages', () => {
  it('reads the retained value of every topic under a filter, and clears them', async () => {
    await direct.publishAsync(t('devices/1/status'), 'online', { qos: 1, retain: true });
    await direct.publishAsync(t('devices/2/status'), '{"up":false}', { qos: 1, retain: true });
    await direct.publishAsync(t('devices/2/ping'), 'live only', { qos: 1 });

    const got = await broker.run('retained.get', { topic: t('devices/+/status') }, { auth });
    expect(got.status).toBe('completed');
    const output = got.output as { count: number; messages: { topic: string; payload: unknown }[] };
    expect(output.count).toBe(2);
    expect(output.messages.map((m) => [m.topic, m.payload]).sort()).toEqual([
      [t('devices/1/status'), 'online'],
      [t('devices/2/status'), { up: false }],
    ]);
    const held = await collect(direct, t('devices/+/status'), 300);
    expect(held.map((p) => p.topic).sort()).toEqual(output.messages.map((m) => m.topic).sort());

    const exact = await broker.run('retained.get', { topic: t('devices/1/status') }, { auth });
    expect(exact).toMatchObject({ output: { count: 1, messages: [{ payload: 'online', retain: true }] } });

    const cleared = await broker.run('retained.clear', { topic: t('devices/#') }, { auth });
    expect(cleared.status).toBe('completed');
    expect((cleared.output as { cleared: string[] }).cleared.sort()).toEqual([
      t('devices/1/status'),
      t('devices/2/status'),
    ]);
    expect(await collect(direct, t('devices/#'), 300)).toEqual([]);
    expect(await broker.run('retained.clear', { topic: t('devices/1/status') }, { auth })).toMatchObject({
      status: 'completed',
      output: { cleared: [], count: 0 },
    });
  });

  it('refuses a wildcard topic for publish', async () => {
    const result = await broker.run('publish', { topic: t('a/+'), payload: 'x' }, { auth });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });
});

describe('messages.new trigger', () => {
  it('creates a session on the first poll, then emits each message queued between polls, once', async () => {
    const input = { topic: t('orders/+/created'), subscriptionName: randomUUID() };
    await direct.publishAsync(t('orders/eu/created'), 'from before', { qos: 1, retain: true });
    const first = await broker.poll('messages.new', input, { auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });

    for (const id of [1, 2, 3]) {
      await direct.publishAsync(t(`orders/${id % 2 ? 'eu' : 'us'}/created`), JSON.stringify({ id }), { qos: 1 });
    }
    await direct.publishAsync(t('orders/eu/created'), 'qos 0: not queued', { qos: 0 });
    await direct.publishAsync(t('orders/eu/updated'), 'other topic', { qos: 1 });

    const second = await broker.poll('messages.new', input, { auth, state: first.state });
    expect(second.status).toBe('completed');
    expect(second.items).toEqual([
      expect.objectContaining({ topic: t('orders/eu/created'), payload: { id: 1 }, qos: 1, retain: false }),
      expect.objectContaining({ topic: t('orders/us/created'), payload: { id: 2 }, qos: 1, retain: false }),
      expect.objectContaining({ topic: t('orders/eu/created'), payload: { id: 3 }, qos: 1, retain: false }),
    ]);
    const third = await broker.poll('messages.new', input, { auth, state: second.state });
    expect(third).toMatchObject({ status: 'completed', items: [] });

    // A poll takes at most maxMessages; the rest were not acknowledged and come with the next poll.
    for (const id of [4, 5, 6, 7, 8]) await direct.publishAsync(t('orders/eu/created'), `${id}`, { qos: 2 });
    const capped = await broker.poll('messages.new', { ...input, maxMessages: 2 }, { auth, state: third.state });
    expect((capped.items as { payload: string }[]).map((m) => m.payload)).toEqual(['4', '5']);
    const rest = await broker.poll('messages.new', input, { auth, state: capped.state });
    expect((rest.items as { payload: string }[]).map((m) => m.payload)).toEqual(['6', '7', '8']);

    await dropSession(sessionClientId(auth, input.topic, input.subscriptionName));
  });
});

describe('connection failures', () => {
  it('reports a wrong password as auth and connects with the right one', async () => {
    const at = { host: '127.0.0.1', port: secured.port, username: secured.username };
    const refused = await broker.run('publish', { topic: 'x', payload: 'x' }, { auth: { ...at, password: 'wrong' } });
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'auth' } });
    expect(refused.error?.message).toMatch(/Not authorized|Bad User Name or Password/);
    const v311 = await broker.run(
      'publish',
      { topic: 'x', payload: 'x' },
      { auth: { ...at, password: 'wrong', protocolVersion: 4 } },
    );
    expect(v311).toMatchObject({ status: 'failed', error: { kind: 'auth' } });

    const accepted = await broker.run(
      'publish',
      { topic: 'x', payload: 'x' },
      { auth: { ...at, password: secured.password } },
    );
    expect(accepted).toMatchObject({ status: 'completed', output: { acknowledged: true } });
  });

  it('connects over TLS to a broker whose certificate the connection trusts, and refuses it otherwise', async () => {
    const at = { username: secured.username, password: secured.password };
    const url = `mqtts://127.0.0.1:${secured.tlsPort}`;
    const trusted = await broker.run(
      'retained.get',
      { topic: 'none/#' },
      { auth: { ...at, url, ca: secured.certificate } },
    );
    expect(trusted).toMatchObject({ status: 'completed', output: { count: 0 } });
    const byFields = await broker.run(
      'publish',
      { topic: 'tls/x', payload: 'x', qos: 2 },
      { auth: { ...at, host: '127.0.0.1', port: secured.tlsPort, tls: true, ca: secured.certificate } },
    );
    expect(byFields).toMatchObject({ status: 'completed', output: { acknowledged: true } });

    const untrusted = await broker.run('publish', { topic: 'x', payload: 'x' }, { auth: { ...at, url } });
    expect(untrusted).toMatchObject({ status: 'failed', error: { kind: 'auth' } });
    expect(untrusted.error?.hint).toMatch(/`ca`/);
  });

  it('reports a closed port as transient', async () => {
    const result = await broker.run(
      'publish',
      { topic: 'x', payload: 'x' },
      { auth: { host: '127.0.0.1', port: await freePort() } },
    );
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'transient' } });
    expect(result.error?.message).toMatch(/ECONNREFUSED/);
  });
});

/**
 * A direct subscriber that hands over messages in the order they came off the wire (mqtt.js emits
 * a QoS 2 message only at PUBREL, after later QoS 0 ones).
 */
async function listener(filter: string) {
  const client = await mqtt.connectAsync('mqtt://127.0.0.1:1883', { protocolVersion: 5, reconnectPeriod: 0 });
  const packets: IPublishPacket[] = [];
  client.on('packetreceive', (packet) => {
    if (packet.cmd === 'publish') packets.push(packet);
  });
  await client.subscribeAsync(filter, { qos: 2 });
  return {
    async next(count: number): Promise<IPublishPacket[]> {
      const deadline = Date.now() + 5000;
      while (packets.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      return packets.slice(0, count);
    },
    close: () => client.endAsync(),
  };
}

/** The retained messages under a filter, as a fresh subscription receives them. */
async function collect(client: MqttClient, filter: string, quietMs: number): Promise<IPublishPacket[]> {
  const packets: IPublishPacket[] = [];
  const onMessage = (_topic: string, _payload: Buffer, packet: IPublishPacket) => {
    if (packet.retain && packet.payload.length > 0) packets.push(packet);
  };
  client.on('message', onMessage);
  await client.subscribeAsync(filter, { qos: 1 });
  await new Promise((r) => setTimeout(r, quietMs));
  await client.unsubscribeAsync(filter);
  client.off('message', onMessage);
  return packets;
}

/** Ends a trigger's persistent session, so the broker stops queuing for it. */
async function dropSession(clientId: string): Promise<void> {
  const client = await mqtt.connectAsync('mqtt://127.0.0.1:1883', {
    protocolVersion: 5,
    clientId,
    clean: true,
    reconnectPeriod: 0,
  });
  await client.endAsync();
}
