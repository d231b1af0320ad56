import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT, type SlackReference, startSlack } from './slack-server.js';

// Every action through the sandbox users run it in, against the loopback workspace of slack-server.ts (its
// header and slack-workspace.ts's name the docs.slack.dev pages each answer follows). The workspace is
// reached the way a GovSlack or proxied workspace is: through the connection's apiUrl
// (network.connectionHosts), not a test-only allowance; the upload URL it hands out is on the same host.
let slack: SlackReference;
let connector: ConnectorUnderTest;
let auth: { token: string; apiUrl: string };

const GENERAL = 'C0GENERAL1';
const SPENGLER = {
  id: 'U012AB3CD',
  name: 'spengler',
  realName: 'Egon Spengler',
  displayName: 'egon',
  email: 'spengler@ghostbusters.example.com',
  tz: 'America/Los_Angeles',
  isBot: false,
  deleted: false,
};

beforeAll(async () => {
  slack = await startSlack();
  const w = slack.workspace;
  w.addUser(SPENGLER);
  w.addChannel({
    id: GENERAL,
    name: 'general',
    kind: 'public_channel',
    members: 23,
    topic: 'Company-wide',
    purpose: 'Announcements',
  });
  w.addChannel({ id: 'C0RANDOM01', name: 'random', kind: 'public_channel', members: 21 });
  w.addChannel({ id: 'C0OLDNEWS1', name: 'old-news', kind: 'public_channel', archived: true });
  w.addChannel({ id: 'G0SECRET01', name: 'secret', kind: 'private_channel', members: 3 });
  w.addChannel({ id: 'G0HIDDEN01', name: 'hidden', kind: 'private_channel', member: false });
  w.addChannel({ id: 'C0OUTSIDE1', name: 'outside', kind: 'public_channel', member: false });
  w.addChannel({ id: 'D0DM000001', kind: 'im', user: SPENGLER.id });
  for (let i = 0; i < 250; i++)
    w.addChannel({ id: `C0BULK${String(i).padStart(4, '0')}`, name: `bulk-${i}`, kind: 'public_channel' });
  for (const text of ['first', 'second', 'third']) w.addMessage(GENERAL, { user: SPENGLER.id, text });
  connector = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { token: slack.token, apiUrl: slack.apiUrl };
});
afterAll(async () => {
  await connector?.close();
  await slack?.close();
});

const messagesIn = (channel: string) => slack.workspace.messages.get(channel) ?? [];

describe('slack messages through the sandbox', () => {
  it('posts, replies in a thread, updates and reads back what the channel holds', async () => {
    const posted = await connector.run('chat.postMessage', { channel: GENERAL, text: 'Build 42 failed' }, { auth });
    expect(posted).toMatchObject({ status: 'completed', isolation: 'worker' });
    const { ts } = posted.output as { ts: string };
    expect(posted.output).toEqual({ channel: GENERAL, ts });
    expect(messagesIn(GENERAL).at(-1)).toMatchObject({ ts, text: 'Build 42 failed', user: BOT.userId });

    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Logs* attached' } }];
    const reply = await connector.run(
      'chat.postMessage',
      { channel: GENERAL, text: 'Logs attached', blocks, threadTs: ts },
      { auth },
    );
    expect(reply).toMatchObject({ status: 'completed', output: { channel: GENERAL } });
    expect(messagesIn(GENERAL).at(-1)).toMatchObject({
      text: 'Logs attached',
      blocks,
      thread_ts: ts,
      inChannel: false,
    });

    const updated = await connector.run('chat.update', { channel: GENERAL, ts, text: 'Build 42 fixed' }, { auth });
    expect(updated).toMatchObject({ status: 'completed', output: { channel: GENERAL, ts, text: 'Build 42 fixed' } });

    // The thread reply stays out of the channel's history; the parent now counts it.
    const history = await connector.run('conversations.history', { channel: GENERAL, limit: 2 }, { auth });
    expect(history).toMatchObject({ status: 'completed' });
    const [third] = messagesIn(GENERAL).filter((m) => m.text === 'third');
    expect(history.output).toEqual({
      messages: [
        {
          ts,
          type: 'message',
          text: 'Build 42 fixed',
          user: BOT.userId,
          botId: BOT.botId,
          threadTs: ts,
          replyCount: 1,
        },
        { ts: third?.ts, type: 'message', text: 'third', user: SPENGLER.id },
      ],
      nextCursor: expect.any(String),
    });
    const rest = await connector.run(
      'conversations.history',
      { channel: GENERAL, cursor: (history.output as { nextCursor: string }).nextCursor },
      { auth },
    );
    expect((rest.output as { messages: { text: string }[] }).messages.map((m) => m.text)).toEqual(['second', 'first']);
    expect((rest.output as { nextCursor?: string }).nextCursor).toBeUndefined();

    const [first, second] = messagesIn(GENERAL);
    const between = await connector.run(
      'conversations.history',
      { channel: GENERAL, oldest: first?.ts, latest: second?.ts, inclusive: true },
      { auth },
    );
    expect((between.output as { messages: { text: string }[] }).messages.map((m) => m.text)).toEqual([
      'second',
      'first',
    ]);
  });

  it('adds a reaction to a message, and reports a second one as a conflict', async () => {
    const [first] = messagesIn(GENERAL);
    const input = { channel: GENERAL, timestamp: first?.ts, name: ':eyes:' };
    const reacted = await connector.run('reactions.add', input, { auth });
    expect(reacted).toMatchObject({
      status: 'completed',
      output: { channel: GENERAL, timestamp: first?.ts, name: 'eyes' },
    });
    expect(first?.reactions).toEqual([{ name: 'eyes', users: [BOT.userId], count: 1 }]);
    expect(await connector.run('reactions.add', input, { auth })).toMatchObject({
      status: 'failed',
      error: { kind: 'conflict', message: expect.stringContaining('already_reacted') },
    });
  });
});

describe('slack channels and users through the sandbox', () => {
  it('lists conversations across pages: public ones, private ones it is in, no archived ones', async () => {
    const visible = slack.workspace.channels.filter(
      (c) => (c.kind === 'public_channel' || (c.kind === 'private_channel' && c.member)) && !c.archived,
    );
    const input = { types: ['public_channel', 'private_channel'], limit: 230 };
    const first = await connector.run('conversations.list', input, { auth });
    expect(first).toMatchObject({ status: 'completed', output: { nextCursor: expect.any(String) } });
    const page = first.output as { channels: { id: string }[]; nextCursor: string };
    expect(page.channels.map((c) => c.id)).toEqual(visible.slice(0, 230).map((c) => c.id));
    const limits = slack.requests.filter((r) => r.path === '/api/conversations.list').map((r) => r.args.limit);
    expect(limits).toEqual(['200', '30']);
    expect(page.channels[0]).toEqual({
      id: GENERAL,
      name: 'general',
      isPrivate: false,
      isArchived: false,
      isMember: true,
      numMembers: 23,
      topic: 'Company-wide',
      purpose: 'Announcements',
      created: slack.workspace.channels[0]?.created,
    });
    expect(page.channels.find((c) => c.id === 'G0SECRET01')).toMatchObject({ name: 'secret', isPrivate: true });

    const rest = await connector.run('conversations.list', { ...input, cursor: page.nextCursor }, { auth });
    expect((rest.output as { channels: { id: string }[] }).channels.map((c) => c.id)).toEqual(
      visible.slice(230).map((c) => c.id),
    );
    expect((rest.output as { nextCursor?: string }).nextCursor).toBeUndefined();
  });

  it('finds a user by email', async () => {
    const found = await connector.run('users.lookupByEmail', { email: SPENGLER.email }, { auth });
    expect(found).toMatchObject({ status: 'completed' });
    expect(found.output).toEqual({
      id: SPENGLER.id,
      teamId: 'T0CONFORM1',
      name: 'spengler',
      realName: 'Egon Spengler',
      displayName: 'egon',
      email: SPENGLER.email,
      timezone: 'America/Los_Angeles',
      isBot: false,
      deleted: false,
    });
  });
});

describe('slack file uploads through the sandbox', () => {
  it('uploads text to the URL Slack hands out and shares it in a thread with a comment', async () => {
    const [parent] = messagesIn(GENERAL);
    const content = 'id,total\n1,42\n';
    const result = await connector.run(
      'files.upload',
      {
        channel: GENERAL,
        filename: 'report.csv',
        content,
        title: 'Daily report',
        initialComment: 'Here is today’s report',
        threadTs: parent?.ts,
      },
      { auth },
    );
    expect(result).toMatchObject({ status: 'completed' });
    const { fileId } = result.output as { fileId: string };
    expect(result.output).toEqual({
      fileId,
      title: 'Daily report',
      name: 'report.csv',
      permalink: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/files\//),
    });
    expect(slack.workspace.files.get(fileId)?.bytes).toEqual(Buffer.from(content));
    expect(messagesIn(GENERAL).at(-1)).toMatchObject({
      text: 'Here is today’s report',
      thread_ts: parent?.ts,
      files: [expect.objectContaining({ id: fileId })],
    });
    expect(slack.requests.map((r) => r.path).filter((p) => !p.startsWith('/api/c'))).toEqual(
      expect.arrayContaining(['/api/files.getUploadURLExternal', expect.stringMatching(/^\/upload\/v1\//)]),
    );
  });

  it('uploads base64 content as the raw bytes', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
    const result = await connector.run(
      'files.upload',
      { channel: 'G0SECRET01', filename: 'pixel.png', contentBase64: bytes.toString('base64') },
      { auth },
    );
    expect(result).toMatchObject({ status: 'completed', output: { title: 'pixel.png', name: 'pixel.png' } });
    expect(slack.workspace.files.get((result.output as { fileId: string }).fileId)?.bytes).toEqual(bytes);
  });
});

describe('slack failures through the sandbox', () => {
  it('refuses an upload with both content and contentBase64 before calling Slack', async () => {
    const calls = slack.requests.length;
    const result = await connector.run(
      'files.upload',
      { channel: GENERAL, filename: 'a.txt', content: 'a', contentBase64: 'YWJj' },
      { auth },
    );
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(slack.requests.length).toBe(calls);
  });

  it('maps invalid_auth and missing_scope to auth, naming what to fix', async () => {
    const invalid = await connector.run(
      'chat.postMessage',
      { channel: GENERAL, text: 'hi' },
      { auth: { ...auth, token: 'xoxb-revoked' } },
    );
    expect(invalid).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', hint: expect.stringContaining('fresh bot or user token') },
    });
    expect(invalid.error?.message).toContain('invalid_auth');

    const narrow = { ...auth, token: slack.tokenWithScopes(['chat:write']) };
    const scope = await connector.run('users.lookupByEmail', { email: SPENGLER.email }, { auth: narrow });
    expect(scope).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', message: expect.stringContaining('missing_scope (needs users:read.email)') },
    });
  });

  it('maps a channel the app is not in to auth with the /invite hint, and unknown ones to not_found', async () => {
    const outside = await connector.run('conversations.history', { channel: 'C0OUTSIDE1' }, { auth });
    expect(outside).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', hint: expect.stringContaining('/invite') },
    });
    const unknown = await connector.run('chat.postMessage', { channel: 'C0NOWHERE1', text: 'hi' }, { auth });
    expect(unknown).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
    const nobody = await connector.run('users.lookupByEmail', { email: 'nobody@example.com' }, { auth });
    expect(nobody).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
    const [first] = messagesIn(GENERAL);
    const notMine = await connector.run('chat.update', { channel: GENERAL, ts: first?.ts, text: 'x' }, { auth });
    expect(notMine).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('cant_update_message') },
    });
  });

  it('maps HTTP 429 with Retry-After to rate_limit carrying the wait, without waiting', async () => {
    slack.answerNext('chat.postMessage', {
      status: 429,
      headers: { 'retry-after': '30' },
      body: { ok: false, error: 'ratelimited' },
    });
    const started = Date.now();
    const result = await connector.run('chat.postMessage', { channel: GENERAL, text: 'hi' }, { auth });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'rate_limit', status: 429, retryAfter: 30 } });
    // Sooner than the 30 s Retry-After: the connector did not sleep it out. No tighter bound, which a
    // loaded machine could stretch.
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});
