import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIALS, startTrello, type TrelloReference } from './trello-api.js';

// Every action and the trigger through the sandbox users run them in, against the loopback Trello of
// trello-api.ts (its header names the Trello reference pages each route follows), reached through the
// connection's apiUrl (network.connectionHosts).
let tr: TrelloReference;
let trello: ConnectorUnderTest;
let auth: Record<string, unknown>;

beforeAll(async () => {
  tr = await startTrello();
  trello = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { ...CREDENTIALS, apiUrl: tr.url };
});
afterAll(async () => {
  await trello?.close();
  await tr?.close();
});

describe('trello boards and lists through the sandbox', () => {
  it('lists the member’s open boards and a board’s open lists in order', async () => {
    const boards = await trello.run('boards.list', {}, { auth });
    expect(boards).toMatchObject({ status: 'completed', isolation: 'worker' });
    expect((boards.output as { boards: { name: string }[] }).boards.map((b) => b.name)).toEqual(['Launch', 'Ops']);
    const sent = tr.server.requests.at(-1);
    expect(sent?.path).toBe('/1/members/me/boards');
    expect(sent?.query.get('key')).toBe(CREDENTIALS.apiKey);
    expect(sent?.query.get('token')).toBe(CREDENTIALS.token);
    expect(sent?.query.get('filter')).toBe('open');

    const all = await trello.run('boards.list', { filter: 'all' }, { auth });
    expect((all.output as { boards: unknown[] }).boards).toHaveLength(3);

    const lists = await trello.run('lists.list', { idBoard: tr.board.shortLink }, { auth });
    expect(lists).toMatchObject({
      status: 'completed',
      output: {
        lists: [
          { id: tr.lists.todo, name: 'To do', closed: false, idBoard: tr.board.id },
          { id: tr.lists.doing, name: 'Doing' },
          { id: tr.lists.done, name: 'Done' },
        ],
      },
    });
  });
});

describe('trello cards through the sandbox', () => {
  it('creates a card, reads, updates, moves and comments on it', async () => {
    const created = await trello.run(
      'cards.create',
      {
        idList: tr.lists.todo,
        name: 'Ship the release notes',
        desc: 'Draft in the wiki.',
        due: '2026-02-01T17:00:00.000Z',
        idMembers: [tr.me.id],
        idLabels: [tr.label.id],
      },
      { auth },
    );
    expect(created).toMatchObject({
      status: 'completed',
      output: {
        name: 'Ship the release notes',
        idList: tr.lists.todo,
        idBoard: tr.board.id,
        idMembers: [tr.me.id],
        labels: [{ id: tr.label.id, name: 'urgent', color: 'red' }],
        due: '2026-02-01T17:00:00.000Z',
        closed: false,
      },
    });
    const id = (created.output as { id: string }).id;
    expect(tr.server.requests.at(-1)?.body).toMatchObject({ idMembers: tr.me.id, idLabels: tr.label.id });

    const top = await trello.run('cards.create', { idList: tr.lists.todo, name: 'Urgent fix', pos: 'top' }, { auth });
    expect((top.output as { pos: number }).pos).toBeLessThan(tr.cards.get(id)?.pos ?? 0);

    expect(await trello.run('cards.get', { id }, { auth })).toMatchObject({
      status: 'completed',
      output: { id, desc: 'Draft in the wiki.' },
    });

    const updated = await trello.run(
      'cards.update',
      { id, name: 'Ship release notes v2', dueComplete: true },
      { auth },
    );
    expect(updated).toMatchObject({
      status: 'completed',
      output: { name: 'Ship release notes v2', dueComplete: true },
    });

    const moved = await trello.run('cards.move', { id, idList: tr.lists.done, pos: 'top' }, { auth });
    expect(moved).toMatchObject({ status: 'completed', output: { idList: tr.lists.done } });
    expect(tr.cards.get(id)?.idList).toBe(tr.lists.done);

    const across = await trello.run(
      'cards.move',
      { id, idList: tr.lists.elsewhere, idBoard: tr.otherBoard.id },
      { auth },
    );
    expect(across).toMatchObject({
      status: 'completed',
      output: { idList: tr.lists.elsewhere, idBoard: tr.otherBoard.id },
    });

    const comment = await trello.run('cards.comment', { id, text: 'Deployed to staging.' }, { auth });
    expect(comment).toMatchObject({
      status: 'completed',
      output: { cardId: id, text: 'Deployed to staging.', memberId: tr.me.id },
    });
    expect(tr.comments.at(-1)).toMatchObject({ cardId: id, text: 'Deployed to staging.' });

    const archived = await trello.run('cards.update', { id, closed: true }, { auth });
    expect(archived).toMatchObject({ status: 'completed', output: { closed: true } });
  });
});

describe('trello cards.new trigger', () => {
  it('records the list’s cards first, then emits each new card once', async () => {
    const input = { idList: tr.lists.doing };
    tr.addCard(tr.lists.doing, 'Existing');
    const first = await trello.poll('cards.new', input, { auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });

    const added = tr.addCard(tr.lists.doing, 'Added later');
    const second = await trello.poll('cards.new', input, { auth, state: first.state });
    expect(second).toMatchObject({ status: 'completed', items: [{ id: added.id, name: 'Added later' }] });
    const item = second.items[0] as { createdAt: string };
    expect(Math.abs(Date.parse(item.createdAt) - Date.now())).toBeLessThan(120_000);
    expect(tr.server.requests.at(-1)?.path).toBe(`/1/lists/${tr.lists.doing}/cards`);

    expect(await trello.poll('cards.new', input, { auth, state: second.state })).toMatchObject({ items: [] });

    const board = await trello.poll('cards.new', { idBoard: tr.board.id }, { auth, state: { seen: [] } });
    expect((board.items as { idBoard: string }[]).every((c) => c.idBoard === tr.board.id)).toBe(true);
    expect(board.items.length).toBeGreaterThanOrEqual(3);
  });
});

describe('trello failures', () => {
  it('maps a refused token, a bad ID, a missing card and a rate limit, without leaking the token', async () => {
    const refused = await trello.run(
      'cards.get',
      { id: 'abcdefabcdefabcdefabcdef' },
      { auth: { ...auth, token: 'revoked-token-123' } },
    );
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 401 } });
    expect(refused.error?.message).toContain('invalid token');
    expect(JSON.stringify(refused.error)).not.toContain('revoked-token-123');

    expect(await trello.run('cards.get', { id: 'abcdefabcdefabcdefabcdef' }, { auth })).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', status: 404 },
    });
    expect(await trello.run('lists.list', { idBoard: 'not-an-id' }, { auth })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input' },
    });
    tr.server.answerNext('GET', '/1/boards/:id/lists', {
      status: 400,
      headers: { 'content-type': 'text/plain' },
      body: 'invalid id',
    });
    expect(await trello.run('lists.list', { idBoard: tr.board.id }, { auth })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', status: 400 },
    });

    tr.server.answerNext('POST', '/1/cards/:id/actions/comments', {
      status: 429,
      headers: { 'retry-after': '45' },
      body: {
        error: 'API_TOKEN_LIMIT_EXCEEDED',
        message: 'Rate limit exceeded: 100 requests per 10 seconds per token',
      },
    });
    const card = tr.addCard(tr.lists.todo, 'Busy');
    expect(await trello.run('cards.comment', { id: card.id, text: 'hi' }, { auth })).toMatchObject({
      status: 'failed',
      error: { kind: 'rate_limit', status: 429, retryAfter: 45 },
    });
    expect(tr.server.unmatched).toEqual([]);
  });
});
