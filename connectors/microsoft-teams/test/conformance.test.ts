import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { actionCalls, startTlsFront, type TlsFront } from '@mova/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APP, type GraphReference, startGraph, TENANT, USER } from './graph-api.js';

// Every action and the trigger through the sandbox users run them in, against the loopback Graph of
// graph-api.ts (its header names the Microsoft Learn page each route follows). Graph and the token
// endpoint are reached the way a proxy or another cloud is: through the connection's graphUrl and
// loginUrl (network.connectionHosts), not a test-only allowance.
let graph: GraphReference;
let connector: ConnectorUnderTest;
let auth: Record<string, unknown>;
let tls: TlsFront;

const TEAM = '172b0cce-e65d-44ce-9a49-91d9f2e8493a';
const BUILDS = '19:561fbdbbfca848a484f0a6f00ce9dbbd@thread.tacv2';
const CHAT = '19:2da4c29f6d7041eca70b638b43d45437@thread.v2';
const SEEDED = '1616990032035';

beforeAll(async () => {
  graph = await startGraph();
  const channel = (id: string, displayName: string, membershipType: 'standard' | 'private' = 'standard') => ({
    id,
    displayName,
    description: null,
    membershipType,
    email: `${displayName.toLowerCase()}@contoso.onmicrosoft.com`,
  });
  graph.teams.push(
    {
      id: TEAM,
      displayName: 'Engineering',
      description: 'Builds and releases',
      isArchived: false,
      channels: [
        channel('19:general0000000000000000000000000@thread.tacv2', 'General'),
        channel(BUILDS, 'Builds'),
        channel('19:secret00000000000000000000000000@thread.tacv2', 'Incidents', 'private'),
      ],
    },
    {
      id: '02bd9fd6-8f93-4758-87c3-1fb73740a315',
      displayName: 'Sales',
      description: null,
      isArchived: false,
      channels: [],
    },
    {
      id: '8090c93e-ba7c-433e-9f39-08c7ba07c0b3',
      displayName: 'Old project',
      description: null,
      isArchived: true,
      channels: [],
    },
  );
  graph.accessTokens.add('graph-access-0');
  tls = await startTlsFront(Number(new URL(graph.url).port));
  connector = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = {
    accessToken: 'graph-access-0',
    clientId: APP.clientId,
    clientSecret: APP.clientSecret,
    tenantId: TENANT,
    graphUrl: graph.url,
    loginUrl: graph.url,
  };
});
afterAll(async () => {
  await connector?.close();
  await tls?.close();
  await graph?.close();
});
beforeEach(() => {
  graph.threads.clear();
  graph.replies.clear();
  graph.post(`${TEAM}/${BUILDS}`, 'Build 42 running', { id: SEEDED });
  graph.server.requests.length = 0;
});

const { run, call: fail, runExamples } = actionCalls({ connector: () => connector, auth: () => auth });
const builds = () => graph.threads.get(`${TEAM}/${BUILDS}`) ?? [];
const last = () => graph.server.requests.at(-1);

describe('every example in the manifest', () => {
  it('runs in a story order', async () => {
    const order = [
      'teams.list',
      'channels.list',
      'channelMessages.send',
      'channelMessages.reply',
      'channelMessages.list',
      'chatMessages.send',
      'chatMessages.list',
    ];
    await runExamples(order, { triggers: true });
    expect(graph.server.unmatched).toEqual([]);
  });
});

describe('channel messages', () => {
  it('posts an adaptive card as an attachment the body names, with subject and importance', async () => {
    const card = { type: 'AdaptiveCard', version: '1.4', body: [{ type: 'TextBlock', text: 'Deploy done' }] };
    const sent = await run('channelMessages.send', {
      teamId: TEAM,
      channelId: BUILDS,
      content: 'a < b',
      contentType: 'text',
      adaptiveCard: card,
      subject: 'Deploy',
      importance: 'high',
    });
    const stored = builds().at(-1);
    const attachment = stored?.attachments[0];
    expect(attachment).toMatchObject({ contentType: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.parse(String(attachment?.content))).toEqual(card);
    expect(stored?.body).toEqual({
      contentType: 'html',
      content: `a &lt; b<attachment id="${attachment?.id}"></attachment>`,
    });
    expect(sent).toEqual({
      id: stored?.id,
      createdDateTime: stored?.createdDateTime,
      lastModifiedDateTime: stored?.lastModifiedDateTime,
      subject: 'Deploy',
      contentType: 'html',
      content: stored?.body.content,
      fromUserId: USER.id,
      fromName: USER.displayName,
      webUrl: stored?.webUrl,
      teamId: TEAM,
      channelId: BUILDS,
      attachments: [{ id: attachment?.id, contentType: 'application/vnd.microsoft.card.adaptive' }],
    });
    expect(last()).toMatchObject({ method: 'POST', body: { subject: 'Deploy', importance: 'high' } });
    expect(last()?.headers.authorization).toBe('Bearer graph-access-0');
  });

  it('replies in a thread, and reports a missing thread as not found', async () => {
    const reply = await run('channelMessages.reply', {
      teamId: TEAM,
      channelId: BUILDS,
      messageId: SEEDED,
      content: '<p>Fixed</p>',
    });
    expect(reply).toMatchObject({ replyToId: SEEDED, contentType: 'html', content: '<p>Fixed</p>' });
    expect(graph.replies.get(SEEDED)).toHaveLength(1);
    const missing = await fail('channelMessages.reply', {
      teamId: TEAM,
      channelId: BUILDS,
      messageId: '1',
      content: 'x',
    });
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
  });

  it('lists thread starters newest first, a page at a time', async () => {
    for (const text of ['one', 'two', 'three']) graph.post(`${TEAM}/${BUILDS}`, text);
    const first = await run('channelMessages.list', { teamId: TEAM, channelId: BUILDS, top: 2 });
    expect((first.messages as { content: string }[]).map((m) => m.content)).toEqual(['three', 'two']);
    expect(last()?.query.get('$top')).toBe('2');
    const rest = await run('channelMessages.list', {
      teamId: TEAM,
      channelId: BUILDS,
      top: 2,
      pageToken: first.nextPageToken,
    });
    expect((rest.messages as { content: string }[]).map((m) => m.content)).toEqual(['one', 'Build 42 running']);
    expect(rest.nextPageToken).toBeUndefined();
  });

  it('refuses a message with neither content nor card, and a card that is not one, before calling Graph', async () => {
    const empty = await fail('channelMessages.send', { teamId: TEAM, channelId: BUILDS, content: ' ' });
    expect(empty).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    const notCard = await fail('channelMessages.send', {
      teamId: TEAM,
      channelId: BUILDS,
      adaptiveCard: { type: 'MessageCard' },
    });
    expect(notCard).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('AdaptiveCard') },
    });
    expect(graph.server.requests).toEqual([]);
  });
});

describe('chats, teams and channels', () => {
  it('sends in a chat and reads it back newest first', async () => {
    await run('chatMessages.send', { chatId: CHAT, content: 'first', contentType: 'text' });
    const sent = await run('chatMessages.send', { chatId: CHAT, content: '<b>second</b>' });
    expect(sent).toMatchObject({ chatId: CHAT, content: '<b>second</b>', contentType: 'html' });
    const listed = await run('chatMessages.list', { chatId: CHAT, top: 1 });
    expect((listed.messages as { content: string }[]).map((m) => m.content)).toEqual(['<b>second</b>']);
    expect(last()?.query.get('$orderby')).toBe('createdDateTime desc');
    const rest = await run('chatMessages.list', { chatId: CHAT, pageToken: listed.nextPageToken });
    expect((rest.messages as { content: string }[]).map((m) => m.content)).toEqual(['first']);
  });

  it('lists every joined team across pages, for the signed-in user or a named one', async () => {
    const mine = await run('teams.list', {});
    expect(mine.teams).toEqual([
      { id: TEAM, displayName: 'Engineering', description: 'Builds and releases', isArchived: false },
      { id: '02bd9fd6-8f93-4758-87c3-1fb73740a315', displayName: 'Sales', isArchived: false },
      { id: '8090c93e-ba7c-433e-9f39-08c7ba07c0b3', displayName: 'Old project', isArchived: true },
    ]);
    expect(graph.server.requests.map((r) => r.path)).toEqual(['/v1.0/me/joinedTeams', '/v1.0/me/joinedTeams']);
    const theirs = await run('teams.list', { userId: USER.userPrincipalName });
    expect((theirs.teams as unknown[]).length).toBe(3);
    const nobody = await fail('teams.list', { userId: 'nobody@contoso.onmicrosoft.com' });
    expect(nobody).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
  });

  it('lists a team’s channels, filtered by membership type', async () => {
    const all = await run('channels.list', { teamId: TEAM });
    expect((all.channels as { displayName: string }[]).map((c) => c.displayName)).toEqual([
      'General',
      'Builds',
      'Incidents',
    ]);
    expect(graph.server.requests.map((r) => r.query.get('$skiptoken'))).toEqual([null, '2']);
    const secret = await run('channels.list', { teamId: TEAM, membershipType: 'private' });
    expect(secret.channels).toEqual([
      {
        id: '19:secret00000000000000000000000000@thread.tacv2',
        displayName: 'Incidents',
        membershipType: 'private',
        email: 'incidents@contoso.onmicrosoft.com',
      },
    ]);
  });
});

describe('channelMessages.new', () => {
  it('records the channel on the first poll, then emits each new message once, oldest first', async () => {
    const input = { teamId: TEAM, channelId: BUILDS, top: 50 };
    const first = await connector.poll('channelMessages.new', input, { auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });
    const a = graph.post(`${TEAM}/${BUILDS}`, 'deploy started');
    graph.post(`${TEAM}/${BUILDS}`, '<systemEventMessage/>', { messageType: 'systemEventMessage' });
    const b = graph.post(`${TEAM}/${BUILDS}`, 'deploy done');
    const second = await connector.poll('channelMessages.new', input, { auth, state: first.state });
    expect((second.items as { id: string; content: string }[]).map((m) => [m.id, m.content])).toEqual([
      [a.id, 'deploy started'],
      [b.id, 'deploy done'],
    ]);
    const third = await connector.poll('channelMessages.new', input, { auth, state: second.state });
    expect(third).toMatchObject({ status: 'completed', items: [] });
  });
});

describe('tokens and failures', () => {
  it('refreshes a stale access token through the tenant’s token endpoint before calling Graph', async () => {
    graph.refreshTokens.add('refresh-stale');
    const stale = {
      ...auth,
      accessToken: 'graph-access-expired',
      refreshToken: 'refresh-stale',
      expiresAt: 1700000000,
    };
    await run('channels.list', { teamId: TEAM }, stale);
    const [token, call] = graph.server.requests;
    expect(token).toMatchObject({ method: 'POST', path: `/${TENANT}/oauth2/v2.0/token` });
    expect(token?.body).toMatchObject({
      grant_type: 'refresh_token',
      refresh_token: 'refresh-stale',
      client_id: APP.clientId,
    });
    expect(call?.headers.authorization).toMatch(/^Bearer graph-access-\d+$/);
  });

  it('refreshes once when Graph refuses a token that looked fresh', async () => {
    graph.refreshTokens.add('refresh-revoked');
    const revoked = { ...auth, accessToken: 'graph-access-revoked', refreshToken: 'refresh-revoked' };
    await run('teams.list', {}, revoked);
    expect(graph.server.requests.map((r) => `${r.method} ${r.path} ${r.headers.authorization ?? ''}`)).toEqual([
      'GET /v1.0/me/joinedTeams Bearer graph-access-revoked',
      `POST /${TENANT}/oauth2/v2.0/token `,
      expect.stringMatching(/^GET \/v1.0\/me\/joinedTeams Bearer graph-access-\d+$/),
      expect.stringMatching(/^GET \/v1.0\/me\/joinedTeams Bearer graph-access-\d+$/),
    ]);
  });

  it('reports a refused token without a refresh token, and an expired refresh token, as auth failures', async () => {
    const refused = await fail('teams.list', {}, { ...auth, accessToken: 'nope' });
    expect(refused).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', status: 401, message: expect.stringContaining('InvalidAuthenticationToken') },
    });
    const expired = await fail(
      'teams.list',
      {},
      { ...auth, accessToken: 'nope', refreshToken: 'long-gone', expiresAt: 1 },
    );
    expect(expired).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', message: expect.stringContaining('AADSTS70008') },
    });
  });

  it('waits out a short 429 by Retry-After, and hands a long one to the runtime', async () => {
    const path = `/v1.0/teams/${TEAM}/channels`;
    const throttled = (after: string) => ({
      status: 429,
      headers: { 'retry-after': after },
      body: { error: { code: 'TooManyRequests', message: 'Too many requests.' } },
    });
    graph.server.answerNext('GET', path, throttled('0'));
    await run('channels.list', { teamId: TEAM });
    // The throttled first page, the same page again, then the second page.
    expect(graph.server.requests.map((r) => `${r.path} ${r.query.get('$skiptoken')}`)).toEqual([
      `${path} null`,
      `${path} null`,
      `${path} 2`,
    ]);
    graph.server.requests.length = 0;
    graph.server.answerNext('GET', path, throttled('120'));
    const long = await fail('channels.list', { teamId: TEAM });
    expect(long).toMatchObject({ status: 'failed', error: { kind: 'rate_limit', status: 429, retryAfter: 120 } });
    expect(graph.server.requests).toHaveLength(1);
  });

  it('passes Graph’s refusal of a malformed post as invalid input', async () => {
    graph.server.answerNext('POST', `/v1.0/chats/${encodeURIComponent(CHAT)}/messages`, {
      status: 400,
      body: { error: { code: 'BadRequest', message: 'Message body cannot be larger than 28 KB.' } },
    });
    const result = await fail('chatMessages.send', { chatId: CHAT, content: 'x' });
    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('28 KB') },
    });
  });
});

describe('client credentials through the sandbox', () => {
  // The sign-in host is the TLS front (MSAL takes https only), trusted through the connection's
  // caCertificate; Graph stays on the plain loopback server.
  const app = () => ({
    tenantId: TENANT,
    clientId: APP.clientId,
    clientSecret: APP.clientSecret,
    loginUrl: tls.origin,
    graphUrl: graph.url,
    caCertificate: tls.certificate,
  });

  it('reads with an app-only token for Graph’s .default scope from the tenant’s token endpoint', async () => {
    graph.appGrants.length = 0;
    const channels = await run('channels.list', { teamId: TEAM }, app());
    expect((channels.channels as unknown[]).length).toBe(3);
    const messages = await run('channelMessages.list', { teamId: TEAM, channelId: BUILDS, top: 5 }, app());
    expect((messages.messages as { id: string }[]).map((m) => m.id)).toEqual([SEEDED]);
    expect(graph.appGrants[0]).toMatchObject({
      grant_type: 'client_credentials',
      client_id: APP.clientId,
      client_secret: APP.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    });
    const graphCalls = graph.server.requests.filter((r) => r.path.startsWith('/v1.0/'));
    expect(graphCalls.map((r) => r.headers.authorization)).toEqual(
      graphCalls.map(() => expect.stringMatching(/^Bearer graph-app-\d+$/)),
    );
  });

  it('reports a wrong client secret as an auth failure with Entra’s words', async () => {
    const refused = await fail('channels.list', { teamId: TEAM }, { ...app(), clientSecret: 'wrong' });
    expect(refused).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', message: expect.stringContaining('AADSTS7000215') },
    });
  });

  it('does not trust the sign-in host without the CA', async () => {
    const { caCertificate: _, ...untrusted } = app();
    graph.appGrants.length = 0;
    const result = await fail('channels.list', { teamId: TEAM }, untrusted);
    expect(result.status).toBe('failed');
    expect(graph.appGrants).toEqual([]);
  });
});
