import { randomUUID } from 'node:crypto';
import {
  AccountSASPermissions,
  AccountSASResourceTypes,
  AccountSASServices,
  generateAccountSASQueryParameters,
  type QueueClient,
  QueueServiceClient,
  StorageSharedKeyCredential,
} from '@azure/storage-queue';
import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { testConnection } from '@mova/sdk';
import { AZURITE_ACCOUNT, AZURITE_KEY, type Azurite, actionCalls, startAzurite } from '@mova/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import azureQueue from '../src/index.js';

// Every action through the sandbox users run it in, against Microsoft's Azurite emulator (Queue
// service) on loopback. The connection names Azurite the way users name a sovereign cloud, private
// endpoint or emulator: accountUrl, which the manifest lists in network.connectionHosts. What the
// connector reports is checked against what Azurite holds, read with @azure/storage-queue.

let azurite: Azurite;
let connector: ConnectorUnderTest;
let auth: Record<string, unknown>;
let service: QueueServiceClient;
let queue: QueueClient;

const { run, call: fail } = actionCalls({ connector: () => connector, auth: () => auth });
const unique = (label: string) => `mova-${label}-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  [azurite, connector] = await Promise.all([
    startAzurite({ service: 'queue', from: import.meta.url }),
    loadConnector({ dir: new URL('..', import.meta.url) }),
  ]);
  auth = { method: 'connectionString', connectionString: azurite.connectionString, accountUrl: azurite.endpoint };
  service = QueueServiceClient.fromConnectionString(azurite.connectionString);
}, 60_000);
afterAll(async () => {
  await connector?.close();
  await azurite?.stop();
});
beforeEach(async () => {
  queue = service.getQueueClient(unique('q'));
  await queue.create();
});

describe('every example in the manifest', () => {
  it('runs in a story order on fresh queues', async () => {
    await Promise.all(['orders-incoming', 'reminders'].map((name) => service.getQueueClient(name).deleteIfExists()));
    await service.getQueueClient('reminders').create();
    const order = [
      'queues.create',
      'messages.send',
      'queues.list',
      'queues.get',
      'messages.peek',
      'messages.receive',
      'messages.update',
      'messages.delete',
      'queues.delete',
    ];
    const actions = [...connector.manifest.actions].sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
    expect(actions.map((a) => a.key)).toEqual(order);
    for (const action of actions) {
      for (const example of action.examples) {
        let input = example.input as Record<string, unknown>;
        if (action.key === 'messages.update' || action.key === 'messages.delete') {
          // A pop receipt exists only once a message is received: take the next one for real.
          const orders = service.getQueueClient('orders-incoming');
          await orders.sendMessage('{"orderId":1002}');
          const [message] = (await orders.receiveMessages()).receivedMessageItems;
          input = { ...input, messageId: message?.messageId, popReceipt: message?.popReceipt };
        }
        const output = await run(action.key, input);
        if (example.output !== undefined)
          expect(output, `${action.key}: ${example.title ?? ''}`).toEqual(example.output);
      }
    }
    for (const trigger of connector.manifest.triggers) {
      for (const example of trigger.examples) {
        expect(await connector.poll(trigger.key, example.input, { auth })).toMatchObject({ status: 'completed' });
      }
    }
    const left = await service.getQueueClient('orders-incoming').getProperties();
    // The example's order (received, hidden) and the updated one remain; the deleted one is gone.
    expect(left.approximateMessagesCount).toBe(2);
    await Promise.all(['orders-incoming', 'reminders'].map((name) => service.getQueueClient(name).deleteIfExists()));
  });
});

describe('messages', () => {
  it('sends, peeks, receives (hiding the message) and deletes', async () => {
    const sent = await run('messages.send', { queue: queue.name, message: '{"orderId":1}' });
    expect(sent).toMatchObject({ messageId: expect.any(String), popReceipt: expect.any(String) });

    const peeked = await run('messages.peek', { queue: queue.name, maxMessages: 5 });
    expect(peeked).toEqual({
      messages: [
        {
          messageId: sent.messageId,
          text: '{"orderId":1}',
          dequeueCount: 0,
          insertedOn: sent.insertedOn,
          expiresOn: sent.expiresOn,
        },
      ],
    });

    const received = await run('messages.receive', { queue: queue.name, visibilityTimeout: 60 });
    const [message] = received.messages as {
      messageId: string;
      popReceipt: string;
      text: string;
      dequeueCount: number;
    }[];
    expect(message).toMatchObject({ messageId: sent.messageId, text: '{"orderId":1}', dequeueCount: 1 });
    expect(await run('messages.receive', { queue: queue.name })).toEqual({ messages: [] });

    expect(
      await run('messages.delete', {
        queue: queue.name,
        messageId: message?.messageId,
        popReceipt: message?.popReceipt,
      }),
    ).toEqual({
      deleted: true,
    });
    expect((await queue.getProperties()).approximateMessagesCount).toBe(0);
  });

  it('stores base64 text for Azure Functions, and decodes it on receipt', async () => {
    await run('messages.send', { queue: queue.name, message: 'Grüße {"n":1}', messageEncoding: 'base64' });
    const [stored] = (await queue.peekMessages()).peekedMessageItems;
    expect(stored?.messageText).toBe(Buffer.from('Grüße {"n":1}').toString('base64'));
    const received = await run('messages.receive', { queue: queue.name, messageEncoding: 'base64' });
    expect(received.messages).toEqual([expect.objectContaining({ text: 'Grüße {"n":1}' })]);

    await queue.sendMessage('plain text');
    const refused = await fail('messages.peek', { queue: queue.name, maxMessages: 5, messageEncoding: 'base64' });
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });

  it('delays a message, and updates one: new text, visible again at once, new pop receipt', async () => {
    await run('messages.send', { queue: queue.name, message: 'later', visibilityTimeout: 120, timeToLive: 3600 });
    expect(await run('messages.peek', { queue: queue.name })).toEqual({ messages: [] });

    await queue.sendMessage('draft');
    const [message] = (await queue.receiveMessages({ visibilityTimeout: 120 })).receivedMessageItems;
    const updated = await run('messages.update', {
      queue: queue.name,
      messageId: message?.messageId,
      popReceipt: message?.popReceipt,
      visibilityTimeout: 0,
      message: 'final',
    });
    expect(updated.popReceipt).not.toBe(message?.popReceipt);
    const [again] = (await queue.receiveMessages()).receivedMessageItems;
    expect(again).toMatchObject({ messageId: message?.messageId, messageText: 'final', dequeueCount: 2 });

    const stale = await fail('messages.delete', {
      queue: queue.name,
      messageId: message?.messageId,
      popReceipt: message?.popReceipt,
    });
    expect(stale).toMatchObject({ status: 'failed', error: { status: expect.any(Number) } });
    expect(['not_found', 'conflict']).toContain(stale.error?.kind);
  });

  it('reports a missing queue as not found, with a hint', async () => {
    const result = await fail('messages.send', { queue: 'no-such-queue', message: 'x' });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
    expect(result.error?.message).toContain('QueueNotFound');
    expect(result.error?.hint).toContain('queues.create');
  });
});

describe('messages.new', () => {
  it('consumes the messages it emits, the first poll included', async () => {
    await queue.sendMessage(Buffer.from('first').toString('base64'));
    await queue.sendMessage(Buffer.from('second').toString('base64'));
    const input = { queue: queue.name, messageEncoding: 'base64' };
    const first = await connector.poll('messages.new', input, { auth });
    expect(first).toMatchObject({ status: 'completed' });
    expect((first.items as { text: string }[]).map((item) => item.text)).toEqual(['first', 'second']);
    expect((await queue.getProperties()).approximateMessagesCount).toBe(0);

    await queue.sendMessage(Buffer.from('third').toString('base64'));
    const second = await connector.poll('messages.new', input, { auth, state: first.state });
    expect(second.items).toEqual([expect.objectContaining({ text: 'third', dequeueCount: 1 })]);
    expect((await connector.poll('messages.new', input, { auth, state: second.state })).items).toEqual([]);
  });

  it('leaves a message it cannot decode in the queue', async () => {
    await queue.sendMessage('not base64 at all');
    const result = await connector.poll('messages.new', { queue: queue.name, messageEncoding: 'base64' }, { auth });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect((await queue.getProperties()).approximateMessagesCount).toBe(1);
  });
});

describe('queues', () => {
  it('lists by prefix a page at a time, with metadata', async () => {
    const prefix = unique('list');
    await service.getQueueClient(`${prefix}-a`).create({ metadata: { team: 'billing' } });
    await service.getQueueClient(`${prefix}-b`).create();
    const first = await run('queues.list', { prefix, limit: 1, includeMetadata: true });
    expect(first).toEqual({
      queues: [{ name: `${prefix}-a`, metadata: { team: 'billing' } }],
      continuationToken: expect.any(String),
    });
    const second = await run('queues.list', { prefix, limit: 1, continuationToken: first.continuationToken });
    expect(second).toEqual({ queues: [{ name: `${prefix}-b` }] });
  });

  it('creates once, reads the count and metadata, and deletes', async () => {
    const name = unique('new');
    expect(await run('queues.create', { queue: name, metadata: { team: 'ops' } })).toEqual({
      queue: name,
      created: true,
    });
    expect(await run('queues.create', { queue: name, metadata: { team: 'ops' } })).toEqual({
      queue: name,
      created: false,
    });
    await service.getQueueClient(name).sendMessage('one');
    expect(await run('queues.get', { queue: name })).toEqual({
      queue: name,
      approximateMessagesCount: 1,
      metadata: { team: 'ops' },
    });
    expect(await run('queues.delete', { queue: name })).toEqual({ deleted: true });
    expect(await service.getQueueClient(name).exists()).toBe(false);
    const missing = await fail('queues.delete', { queue: name });
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
    expect(await run('queues.delete', { queue: name, ignoreMissing: true })).toEqual({ deleted: false });
  });
});

describe('connections', () => {
  it('checks a connection by listing one queue', async () => {
    await expect(testConnection(azureQueue, auth)).resolves.toBeUndefined();
    const wrongKey = {
      method: 'accountKey',
      accountName: AZURITE_ACCOUNT,
      accountKey: Buffer.from('x').toString('base64'),
      accountUrl: azurite.endpoint,
    };
    await expect(testConnection(azureQueue, wrongKey)).rejects.toMatchObject({
      kind: 'auth',
      status: 403,
      actionKey: 'validate',
    });
  });

  it('signs with the account name and key, and refuses a wrong key as auth', async () => {
    const byKey = {
      method: 'accountKey',
      accountName: AZURITE_ACCOUNT,
      accountKey: AZURITE_KEY,
      accountUrl: azurite.endpoint,
    };
    await run('messages.send', { queue: queue.name, message: 'signed' }, byKey);
    expect((await queue.peekMessages()).peekedMessageItems[0]?.messageText).toBe('signed');

    const wrongKey = { ...byKey, accountKey: Buffer.from('not the key').toString('base64') };
    const refused = await fail('messages.peek', { queue: queue.name }, wrongKey);
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 403 } });
  });

  it('uses a SAS token, within what it allows', async () => {
    const sas = (permissions: string) =>
      generateAccountSASQueryParameters(
        {
          expiresOn: new Date(Date.now() + 3600_000),
          permissions: AccountSASPermissions.parse(permissions),
          resourceTypes: AccountSASResourceTypes.parse('sco').toString(),
          services: AccountSASServices.parse('q').toString(),
        },
        new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY),
      ).toString();
    const reader = { method: 'sas', sasToken: `?${sas('rp')}`, accountUrl: azurite.endpoint };
    await queue.sendMessage('visible to readers');
    expect(await run('messages.peek', { queue: queue.name }, reader)).toMatchObject({
      messages: [{ text: 'visible to readers' }],
    });
    const refused = await fail('messages.send', { queue: queue.name, message: 'x' }, reader);
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 403 } });
  });

  it('refuses a connection string whose endpoint the connection does not name, before any request', async () => {
    const result = await fail(
      'queues.list',
      {},
      { method: 'connectionString', connectionString: azurite.connectionString },
    );
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'auth' } });
    expect(result.error?.hint).toContain(`Set accountUrl to ${azurite.endpoint}`);
  });
});
