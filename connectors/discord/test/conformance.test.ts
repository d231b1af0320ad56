import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BOT, type DiscordReference, startDiscord } from './discord-api.js';

// Every action through the sandbox users run it in, against the loopback Discord API of discord-api.ts
// (its header names the developer documentation page each route follows). The API is reached the way a
// proxied Discord is: through the connection's apiUrl (network.connectionHosts), not a test-only allowance.
let discord: DiscordReference;
let connector: ConnectorUnderTest;
let auth: { botToken: string; apiUrl: string };

const GUILD = '1100000000000000001';
const GENERAL = '1100000000000000010';
const SEEDED = '1100000000000000100';
const HOOK = { id: '1100000000000000500', token: 'hook-token-aaaaaaaaaaaaaaaaaaaa' };
const hookUrl = (token = HOOK.token) => `https://discord.com/api/webhooks/${HOOK.id}/${token}`;

beforeAll(async () => {
  discord = await startDiscord();
  discord.channels.push(
    { id: '1100000000000000005', guild_id: GUILD, type: 4, name: 'Text Channels', position: 0, nsfw: false },
    { id: '1100000000000000012', guild_id: GUILD, type: 2, name: 'Lounge', position: 2, nsfw: false },
    { id: '1100000000000000011', guild_id: GUILD, type: 5, name: 'announcements', position: 1, nsfw: false },
    {
      id: GENERAL,
      guild_id: GUILD,
      type: 0,
      name: 'general',
      position: 0,
      parent_id: '1100000000000000005',
      topic: 'Anything goes',
      nsfw: false,
    },
    { id: '1100000000000000013', guild_id: GUILD, type: 11, name: 'a thread', position: 0, nsfw: false },
  );
  discord.webhooks.push({ id: HOOK.id, token: HOOK.token, channel_id: GENERAL, name: 'Captain Hook' });
  connector = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { botToken: BOT.token, apiUrl: discord.apiUrl };
});
afterAll(async () => {
  await connector?.close();
  await discord?.close();
});
beforeEach(() => {
  discord.messages.clear();
  discord.messages.set(GENERAL, [
    {
      id: SEEDED,
      channel_id: GENERAL,
      content: 'Build 42 running',
      author: { id: BOT.id, username: BOT.username, bot: true },
      timestamp: '2026-12-01T09:00:00.000Z',
      edited_timestamp: null,
      embeds: [],
      tts: false,
      reactions: [],
    },
  ]);
  discord.server.requests.length = 0;
});

const { run, runExamples } = actionCalls({ connector: () => connector, auth: () => auth });
const last = () => discord.server.requests.at(-1);
const general = () => discord.messages.get(GENERAL) ?? [];

describe('every example in the manifest', () => {
  it('runs in a story order and gives the output it shows', async () => {
    const order = [
      'messages.send',
      'messages.edit',
      'reactions.add',
      'messages.list',
      'channels.list',
      'webhooks.execute',
      'messages.delete',
    ];
    await runExamples(order);
    expect(discord.server.unmatched).toEqual([]);
  });
});

describe('messages', () => {
  it('sends a reply with embeds as the bot, with Discord’s headers, and returns the message', async () => {
    const embeds = [{ title: 'Build #43', color: 0x57f287, fields: [{ name: 'Branch', value: 'main', inline: true }] }];
    const sent = await run('messages.send', {
      channelId: GENERAL,
      content: 'Fixed <@123>',
      embeds,
      replyTo: SEEDED,
      allowedMentions: [],
    });
    const stored = general().at(-1);
    expect(sent).toEqual({
      id: stored?.id,
      channelId: GENERAL,
      content: 'Fixed <@123>',
      authorId: BOT.id,
      authorName: BOT.username,
      timestamp: stored?.timestamp,
      embeds,
      referencedMessageId: SEEDED,
    });
    const request = last();
    expect(request?.headers.authorization).toBe(`Bot ${BOT.token}`);
    expect(request?.headers['user-agent']).toMatch(/^DiscordBot \(https:\/\/\S+, 1\.0\.0\)$/);
    expect(request?.body).toEqual({
      content: 'Fixed <@123>',
      embeds,
      allowed_mentions: { parse: [] },
      message_reference: { message_id: SEEDED, fail_if_not_exists: true },
    });
  });

  it('edits text and embeds, then deletes with an audit-log reason', async () => {
    const edited = await run('messages.edit', { channelId: GENERAL, messageId: SEEDED, embeds: [{ title: 'Done' }] });
    expect(edited).toMatchObject({ id: SEEDED, content: 'Build 42 running', embeds: [{ title: 'Done' }] });
    expect(edited.editedTimestamp).toEqual(expect.any(String));
    expect(last()).toMatchObject({ method: 'PATCH', body: { embeds: [{ title: 'Done' }] } });

    const deleted = await run('messages.delete', { channelId: GENERAL, messageId: SEEDED, reason: 'Stale build note' });
    expect(deleted).toEqual({ deleted: true, messageId: SEEDED });
    expect(last()?.headers['x-audit-log-reason']).toBe('Stale%20build%20note');
    expect(general()).toEqual([]);

    const again = await connector.run('messages.delete', { channelId: GENERAL, messageId: SEEDED }, { auth });
    expect(again).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', status: 404, message: expect.stringContaining('10008') },
    });
  });

  it('lists messages newest first and pages back with nextBefore', async () => {
    for (const content of ['one', 'two', 'three', 'four']) await run('messages.send', { channelId: GENERAL, content });
    const first = await run('messages.list', { channelId: GENERAL, limit: 3 });
    expect((first.messages as { content: string }[]).map((m) => m.content)).toEqual(['four', 'three', 'two']);
    expect(first.nextBefore).toBe((first.messages as { id: string }[])[2]?.id);
    expect(last()?.query.get('limit')).toBe('3');
    const rest = await run('messages.list', { channelId: GENERAL, limit: 3, before: first.nextBefore });
    expect((rest.messages as { content: string }[]).map((m) => m.content)).toEqual(['one', 'Build 42 running']);
    expect(rest.nextBefore).toBeUndefined();
  });

  it('refuses a message with neither content nor embeds before calling Discord', async () => {
    const result = await connector.run('messages.send', { channelId: GENERAL }, { auth });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(discord.server.requests).toEqual([]);
  });
});

describe('channels and reactions', () => {
  it('lists a server’s channels in sidebar order, filtered by type', async () => {
    const all = await run('channels.list', { guildId: GUILD });
    expect(all.channels).toEqual([
      { id: '1100000000000000005', name: 'Text Channels', type: 'category', position: 0, nsfw: false },
      {
        id: GENERAL,
        name: 'general',
        type: 'text',
        position: 0,
        parentId: '1100000000000000005',
        topic: 'Anything goes',
        nsfw: false,
      },
      { id: '1100000000000000011', name: 'announcements', type: 'announcement', position: 1, nsfw: false },
      { id: '1100000000000000012', name: 'Lounge', type: 'voice', position: 2, nsfw: false },
    ]);
    const voice = await run('channels.list', { guildId: GUILD, types: ['voice'] });
    expect((voice.channels as { name: string }[]).map((c) => c.name)).toEqual(['Lounge']);
    const unknown = await connector.run('channels.list', { guildId: '1100000000000000999' }, { auth });
    expect(unknown).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
  });

  it('reacts with a Unicode emoji and a custom emoji copied from a message', async () => {
    await run('reactions.add', { channelId: GENERAL, messageId: SEEDED, emoji: '🎉' });
    expect(last()?.path).toBe(`/api/v10/channels/${GENERAL}/messages/${SEEDED}/reactions/%F0%9F%8E%89/@me`);
    const custom = await run('reactions.add', {
      channelId: GENERAL,
      messageId: SEEDED,
      emoji: '<:party_blob:1101234567890123456>',
    });
    expect(custom).toEqual({ reacted: true, emoji: 'party_blob:1101234567890123456' });
    expect(general()[0]?.reactions.map((r) => r.emoji)).toEqual(['🎉', 'party_blob:1101234567890123456']);
    const bare = await connector.run(
      'reactions.add',
      { channelId: GENERAL, messageId: SEEDED, emoji: 'blob' },
      { auth },
    );
    expect(bare).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('10014') },
    });
  });
});

describe('webhooks', () => {
  it('executes with wait=true and without the bot token, into a thread when asked', async () => {
    const sent = await run('webhooks.execute', {
      webhookUrl: hookUrl(),
      content: 'Deploy finished',
      username: 'Deployer',
      avatarUrl: 'https://cdn.example.com/deploy.png',
    });
    expect(sent).toMatchObject({
      content: 'Deploy finished',
      authorName: 'Deployer',
      webhookId: HOOK.id,
      channelId: GENERAL,
    });
    const request = last();
    expect(request?.path).toBe(`/api/v10/webhooks/${HOOK.id}/${HOOK.token}`);
    expect(request?.query.get('wait')).toBe('true');
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.body).toEqual({
      content: 'Deploy finished',
      username: 'Deployer',
      avatar_url: 'https://cdn.example.com/deploy.png',
    });
    const threaded = await run('webhooks.execute', {
      webhookUrl: hookUrl(),
      embeds: [{ title: 'Release notes' }],
      threadId: '1100000000000000013',
    });
    expect(threaded).toMatchObject({ channelId: '1100000000000000013', authorName: 'Captain Hook' });
    expect(last()?.query.get('thread_id')).toBe('1100000000000000013');
  });

  it('reports a wrong webhook token as an auth failure', async () => {
    const result = await connector.run(
      'webhooks.execute',
      { webhookUrl: hookUrl('wrong-token-bbbbbbbbbbbbbbbbbb'), content: 'x' },
      { auth },
    );
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 401 } });
  });
});

describe('failures', () => {
  it('reports a refused bot token as an auth failure', async () => {
    const result = await connector.run('channels.list', { guildId: GUILD }, { auth: { ...auth, botToken: 'nope' } });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 401 } });
  });

  it('reports missing permissions with Discord’s code and a hint', async () => {
    discord.server.answerNext('POST', `/api/v10/channels/${GENERAL}/messages`, {
      status: 403,
      body: { code: 50013, message: 'Missing Permissions' },
    });
    const result = await connector.run('messages.send', { channelId: GENERAL, content: 'hi' }, { auth });
    expect(result).toMatchObject({
      status: 'failed',
      error: {
        kind: 'auth',
        status: 403,
        message: expect.stringContaining('Discord answered 403 50013: Missing Permissions'),
      },
    });
    expect(result.error?.hint).toContain('permission');
  });

  it('waits out a short 429 by its Retry-After and succeeds', async () => {
    discord.server.answerNext('GET', `/api/v10/guilds/${GUILD}/channels`, {
      status: 429,
      headers: {
        'retry-after': '0',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset-after': '0.01',
        'x-ratelimit-scope': 'user',
      },
      body: { message: 'You are being rate limited.', retry_after: 0.01, global: false },
    });
    await run('channels.list', { guildId: GUILD });
    expect(discord.server.requests.map((r) => r.path)).toEqual([
      `/api/v10/guilds/${GUILD}/channels`,
      `/api/v10/guilds/${GUILD}/channels`,
    ]);
  });

  it('hands a long 429 to the runtime with retry_after from the body', async () => {
    discord.server.answerNext('POST', `/api/v10/channels/${GENERAL}/messages`, {
      status: 429,
      headers: { 'retry-after': '65', 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
      body: { message: 'You are being rate limited.', retry_after: 64.57, global: true },
    });
    const result = await connector.run('messages.send', { channelId: GENERAL, content: 'hi' }, { auth });
    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'rate_limit', status: 429, retryAfter: 65, message: expect.stringContaining('globally') },
    });
    expect(discord.server.requests).toHaveLength(1);
  });
});
