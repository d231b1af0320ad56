import { loadConnector } from '@mova/runtime/testing';
import { testConnection } from '@mova/sdk';
import { googleConformanceSetup } from '@mova/sdk/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import pubsub from '../src/index.js';
import { startPubSubApi } from './pubsub-api.js';

// Every action and the trigger through the sandbox users run them in, against the loopback Pub/Sub
// REST API of pubsub-api.ts (its header names the reference pages each answer follows) and
// Google's token endpoint (googleTokenIssuer from @mova/sdk/testing), named the way users name a Private Service Connect
// endpoint: apiUrl and tokenUrl, listed in network.connectionHosts.

const PROJECT = 'mova-conformance';
const suite = googleConformanceSetup({
  hooks: { beforeAll, afterAll, beforeEach, afterEach },
  start: startPubSubApi,
  load: () => loadConnector({ dir: new URL('..', import.meta.url) }),
});
const { run, call: fail, runExamples, last } = suite;
const setUp = async () => {
  await run('topics.create', { topic: 'orders' });
  await run('subscriptions.create', { subscription: 'orders-worker', topic: 'orders', ackDeadlineSeconds: 60 });
};

describe('every example in the manifest', () => {
  it('runs in a story order', async () => {
    const order = [
      'topics.create',
      'subscriptions.create',
      'topics.list',
      'subscriptions.list',
      'messages.publish',
      'messages.pull',
      'messages.modifyAckDeadline',
      'messages.acknowledge',
    ];
    await runExamples(order, { triggers: true });
  });
});

describe('messages', () => {
  it('publishes text and binary data with attributes, pulls, and acknowledges', async () => {
    await setUp();
    const published = await run('messages.publish', {
      topic: 'orders',
      messages: [
        { data: '{"orderId":1}', attributes: { type: 'order.created' }, orderingKey: 'customer-7' },
        { data: Buffer.from([0, 1, 254]).toString('base64'), encoding: 'base64' },
      ],
    });
    expect(published.messageIds).toHaveLength(2);
    expect(last()).toMatchObject({ method: 'POST', path: `/v1/projects/${PROJECT}/topics/orders:publish` });
    expect(last()?.body).toEqual({
      messages: [
        {
          data: Buffer.from('{"orderId":1}').toString('base64'),
          attributes: { type: 'order.created' },
          orderingKey: 'customer-7',
        },
        { data: 'AAH+' },
      ],
    });

    const pulled = await run('messages.pull', { subscription: 'orders-worker', maxMessages: 1 });
    const [first] = pulled.messages as { ackId: string; messageId: string }[];
    expect(first).toMatchObject({
      messageId: (published.messageIds as string[])[0],
      data: '{"orderId":1}',
      encoding: 'text',
      attributes: { type: 'order.created' },
      orderingKey: 'customer-7',
    });
    const binary = await run('messages.pull', {
      subscription: `projects/${PROJECT}/subscriptions/orders-worker`,
      encoding: 'base64',
    });
    expect(binary.messages).toEqual([expect.objectContaining({ data: 'AAH+', encoding: 'base64', attributes: {} })]);
    // Both are reserved until acknowledged or their deadline passes.
    expect(await run('messages.pull', { subscription: 'orders-worker' })).toEqual({ messages: [] });

    expect(await run('messages.acknowledge', { subscription: 'orders-worker', ackIds: [first?.ackId] })).toEqual({
      acknowledged: 1,
    });
    expect(suite.api.subscriptions.get(`projects/${PROJECT}/subscriptions/orders-worker`)?.backlog).toHaveLength(1);
  });

  it('releases a message for redelivery with a zero deadline', async () => {
    await setUp();
    await run('messages.publish', { topic: 'orders', messages: [{ data: 'retry me' }] });
    const [message] = (await run('messages.pull', { subscription: 'orders-worker' })).messages as { ackId: string }[];
    expect(
      await run('messages.modifyAckDeadline', {
        subscription: 'orders-worker',
        ackIds: [message?.ackId],
        ackDeadlineSeconds: 0,
      }),
    ).toEqual({ modified: 1 });
    expect((await run('messages.pull', { subscription: 'orders-worker' })).messages).toEqual([
      expect.objectContaining({ data: 'retry me' }),
    ]);
  });

  it('refuses an empty message and binary data read as text', async () => {
    await setUp();
    const empty = await fail('messages.publish', { topic: 'orders', messages: [{}] });
    expect(empty).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    await run('messages.publish', { topic: 'orders', messages: [{ data: '/w==', encoding: 'base64' }] });
    const binary = await fail('messages.pull', { subscription: 'orders-worker' });
    expect(binary).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', hint: expect.stringContaining('base64') },
    });
  });
});

describe('topics and subscriptions', () => {
  it('creates, refuses a name in use, and lists a page at a time', async () => {
    expect(await run('topics.create', { topic: 'orders', labels: { team: 'billing' } })).toEqual({
      name: `projects/${PROJECT}/topics/orders`,
    });
    expect(last()).toMatchObject({ method: 'PUT', body: { labels: { team: 'billing' } } });
    const again = await fail('topics.create', { topic: 'orders' });
    expect(again).toMatchObject({ status: 'failed', error: { kind: 'conflict', status: 409 } });
    await run('topics.create', { topic: 'invoices' });

    const first = await run('topics.list', { pageSize: 1 });
    expect(first).toEqual({
      topics: [{ name: `projects/${PROJECT}/topics/orders`, labels: { team: 'billing' } }],
      nextPageToken: '1',
    });
    expect(await run('topics.list', { pageSize: 1, pageToken: first.nextPageToken })).toEqual({
      topics: [{ name: `projects/${PROJECT}/topics/invoices`, labels: {} }],
    });

    const created = await run('subscriptions.create', {
      subscription: 'vip-orders',
      topic: 'orders',
      filter: 'attributes.tier = "vip"',
      enableMessageOrdering: true,
    });
    expect(created).toEqual({
      name: `projects/${PROJECT}/subscriptions/vip-orders`,
      topic: `projects/${PROJECT}/topics/orders`,
      ackDeadlineSeconds: 10,
      filter: 'attributes.tier = "vip"',
      enableMessageOrdering: true,
    });
    expect(await run('subscriptions.list', {})).toEqual({ subscriptions: [created] });

    await run('messages.publish', {
      topic: 'orders',
      messages: [{ data: 'a', attributes: { tier: 'vip' } }, { data: 'b' }],
    });
    expect((await run('messages.pull', { subscription: 'vip-orders' })).messages).toEqual([
      expect.objectContaining({ data: 'a' }),
    ]);

    const missingTopic = await fail('subscriptions.create', { subscription: 'ghost-sub', topic: 'ghost' });
    expect(missingTopic).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
  });
});

describe('messages.new', () => {
  it('consumes the messages it emits, the first poll included', async () => {
    await setUp();
    await run('messages.publish', { topic: 'orders', messages: [{ data: 'one' }, { data: 'two' }] });
    const first = await suite.connector.poll('messages.new', { subscription: 'orders-worker' }, { auth: suite.auth });
    expect(first).toMatchObject({ status: 'completed' });
    expect((first.items as { data: string }[]).map((item) => item.data)).toEqual(['one', 'two']);
    expect(last()).toMatchObject({ path: `/v1/projects/${PROJECT}/subscriptions/orders-worker:acknowledge` });
    expect(suite.api.subscriptions.get(`projects/${PROJECT}/subscriptions/orders-worker`)?.backlog).toEqual([]);

    await run('messages.publish', { topic: 'orders', messages: [{ data: 'three' }] });
    const second = await suite.connector.poll(
      'messages.new',
      { subscription: 'orders-worker' },
      { auth: suite.auth, state: first.state },
    );
    expect(second.items).toEqual([expect.objectContaining({ data: 'three' })]);
  });
});

describe('failures', () => {
  it('reports a missing topic as not found, with a hint', async () => {
    const result = await fail('messages.publish', { topic: 'nope-topic', messages: [{ data: 'x' }] });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
    expect(result.error?.message).toContain('NOT_FOUND');
  });

  it('reports throttling with its Retry-After, and a token without the scope as auth', async () => {
    suite.api.answerNext('GET', '/v1/projects/:project/topics', {
      status: 429,
      headers: { 'retry-after': '20' },
      body: { error: { code: 429, message: 'Quota exceeded.', status: 'RESOURCE_EXHAUSTED' } },
    });
    expect(await fail('topics.list', {})).toMatchObject({
      status: 'failed',
      error: { kind: 'rate_limit', status: 429, retryAfter: 20 },
    });

    suite.api.tokens.refreshTokens.set('1//narrow', {
      clientId: 'c',
      clientSecret: 's',
      scope: 'https://www.googleapis.com/auth/cloud-platform.read-only',
    });
    const narrow = await fail(
      'topics.list',
      {},
      {
        refreshToken: '1//narrow',
        clientId: 'c',
        clientSecret: 's',
        projectId: PROJECT,
        apiUrl: suite.api.url,
        tokenUrl: suite.api.tokenUrl,
      },
    );
    expect(narrow).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 403 } });
  });

  it('asks for a project when neither the connection nor the credentials name one', async () => {
    const result = await fail('topics.list', {}, { accessToken: 'ya29.x', apiUrl: suite.api.url });
    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', hint: expect.stringContaining('projectId') },
    });
  });
});

describe('validate', () => {
  it('lists one topic of the project', async () => {
    await expect(testConnection(pubsub, suite.auth)).resolves.toBeUndefined();
    expect(last()).toMatchObject({ method: 'GET', path: `/v1/projects/${PROJECT}/topics` });
    expect(last()?.query.get('pageSize')).toBe('1');
    await expect(
      testConnection(pubsub, { accessToken: 'ya29.stale', projectId: PROJECT, apiUrl: suite.api.url }),
    ).rejects.toMatchObject({
      kind: 'auth',
      status: 401,
    });
  });
});
