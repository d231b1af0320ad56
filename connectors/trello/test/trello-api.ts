/**
 * A loopback Trello for the conformance tests, answering the request and response shapes of Trello's REST
 * API reference (developer.atlassian.com/cloud/trello/rest/):
 *
 * - api-group-cards: POST /1/cards (idList required; JSON body or query), GET and PUT /1/cards/{id} (idList,
 *   idBoard, pos top/bottom/number, closed, due, dueComplete, idMembers/idLabels as comma-separated IDs),
 *   POST /1/cards/{id}/actions/comments (`text`, answers the commentCard action).
 * - api-group-boards: GET /1/boards/{id}/lists, GET /1/boards/{id}/cards (id or short link).
 * - api-group-lists: GET /1/lists/{id}/cards.
 * - api-group-members: GET /1/members/{id}, GET /1/members/{id}/boards (`me` for the token's member).
 * - guides/rest-api/authorization: `key` and `token` query parameters; 401 "invalid key" / "invalid token"
 *   as text/plain. guides/rest-api/rate-limits: 429 with `{ error: 'API_TOKEN_LIMIT_EXCEEDED', message }`.
 * Malformed IDs get 400 "invalid id"; unknown ones 404 "The requested resource was not found.".
 */
import { type ReferenceReply, type ReferenceServer, startReferenceServer } from '@mova/sdk/testing';

export const CREDENTIALS = {
  apiKey: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  token: 'ATTA0123456789abcdef0123456789abcdef',
};

export interface StoredCard {
  id: string;
  name: string;
  desc: string;
  url: string;
  shortUrl: string;
  shortLink: string;
  idList: string;
  idBoard: string;
  idMembers: string[];
  idLabels: string[];
  due: string | null;
  dueComplete: boolean;
  start: string | null;
  closed: boolean;
  pos: number;
  dateLastActivity: string;
}

export interface TrelloReference {
  server: ReferenceServer;
  url: string;
  me: { id: string; username: string; fullName: string };
  board: { id: string; shortLink: string; name: string };
  otherBoard: { id: string; shortLink: string; name: string };
  lists: { todo: string; doing: string; done: string; elsewhere: string };
  label: { id: string; name: string; color: string };
  cards: Map<string, StoredCard>;
  comments: { id: string; cardId: string; text: string }[];
  addCard(idList: string, name: string): StoredCard;
  close(): Promise<void>;
}

const text = (status: number, body: string): ReferenceReply => ({
  status,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body,
});
const ID = /^[0-9a-f]{24}$/;

export async function startTrello(): Promise<TrelloReference> {
  let counter = 0x100000;
  // Trello IDs are MongoDB ObjectIds: creation time in hex seconds, then a counter.
  const newId = () => `${Math.floor(Date.now() / 1000).toString(16)}${(counter++).toString(16).padStart(16, '0')}`;
  const shortLink = () => Math.random().toString(36).slice(2, 10).padEnd(8, 'x');

  const server = await startReferenceServer({
    check({ query }) {
      if (query.get('key') !== CREDENTIALS.apiKey) return text(401, 'invalid key');
      if (query.get('token') !== CREDENTIALS.token) return text(401, 'invalid token');
      return undefined;
    },
  });

  const me = { id: newId(), username: 'adalovelace', fullName: 'Ada Lovelace' };
  const board = { id: newId(), shortLink: 'nC8QJJoZ', name: 'Launch' };
  const otherBoard = { id: newId(), shortLink: 'Ab12Cd34', name: 'Ops' };
  const boards = [
    { ...board, desc: 'Launch plan', closed: false, idOrganization: null },
    { ...otherBoard, desc: '', closed: false, idOrganization: newId() },
    { id: newId(), shortLink: 'Zz99Yy88', name: 'Old', desc: '', closed: true, idOrganization: null },
  ].map((b) => ({
    ...b,
    url: `https://trello.com/b/${b.shortLink}/${b.name.toLowerCase()}`,
    shortUrl: `https://trello.com/b/${b.shortLink}`,
    dateLastActivity: '2026-01-05T09:00:00.000Z',
  }));
  const lists = [
    { id: newId(), name: 'To do', closed: false, pos: 16384, idBoard: board.id },
    { id: newId(), name: 'Doing', closed: false, pos: 32768, idBoard: board.id },
    { id: newId(), name: 'Done', closed: false, pos: 49152, idBoard: board.id },
    { id: newId(), name: 'Icebox', closed: true, pos: 65536, idBoard: board.id },
    { id: newId(), name: 'Inbox', closed: false, pos: 16384, idBoard: otherBoard.id },
  ];
  const label = { id: newId(), name: 'urgent', color: 'red' };
  const cards = new Map<string, StoredCard>();
  const comments: TrelloReference['comments'] = [];

  const boardOf = (idOrShort: string) => boards.find((b) => b.id === idOrShort || b.shortLink === idOrShort);
  const cardOf = (idOrShort: string) =>
    cards.get(idOrShort) ?? [...cards.values()].find((c) => c.shortLink === idOrShort);
  const view = (c: StoredCard) => ({
    ...c,
    labels: c.idLabels.map((id) => (id === label.id ? { ...label, idBoard: board.id } : { id, name: '', color: null })),
  });
  const isBadId = (id: string | undefined) => !ID.test(id ?? '') && !/^[0-9a-zA-Z]{8}$/.test(id ?? '');
  const listIds = (value: unknown) =>
    Array.isArray(value) ? value.map(String) : typeof value === 'string' && value !== '' ? value.split(',') : [];

  function position(pos: unknown, idList: string, self?: string): number | undefined {
    const others = [...cards.values()].filter((c) => c.idList === idList && c.id !== self).map((c) => c.pos);
    if (pos === undefined || pos === 'bottom') return (others.length ? Math.max(...others) : 0) + 65536;
    if (pos === 'top') return (others.length ? Math.min(...others) : 65536) / 2;
    const n = Number(pos);
    return Number.isFinite(n) && n > 0 ? n : undefined;
  }

  function addCard(idList: string, name: string, fields: Partial<StoredCard> = {}): StoredCard {
    const list = lists.find((l) => l.id === idList);
    if (!list) throw new Error(`no list ${idList}`);
    const id = newId();
    const link = shortLink();
    const card: StoredCard = {
      id,
      name,
      desc: '',
      url: `https://trello.com/c/${link}/${name.toLowerCase().replace(/\W+/g, '-')}`,
      shortUrl: `https://trello.com/c/${link}`,
      shortLink: link,
      idList,
      idBoard: list.idBoard,
      idMembers: [],
      idLabels: [],
      due: null,
      dueComplete: false,
      start: null,
      closed: false,
      pos: position(fields.pos, idList) ?? 65536,
      dateLastActivity: new Date().toISOString(),
      ...fields,
    };
    card.pos = position(fields.pos, idList) ?? 65536;
    cards.set(id, card);
    return card;
  }

  server.route('GET', '/1/members/:id', ({ params }) =>
    params.id === 'me' || params.id === me.id || params.id === me.username
      ? { body: me }
      : text(404, 'model not found'),
  );
  server.route('GET', '/1/members/:id/boards', ({ params, query }) => {
    if (!(params.id === 'me' || params.id === me.id || params.id === me.username)) return text(404, 'model not found');
    const filter = query.get('filter') ?? 'all';
    if (!['open', 'closed', 'members', 'organization', 'public', 'starred', 'all'].includes(filter)) {
      return text(400, 'invalid value for filter');
    }
    const picked = boards.filter((b) => (filter === 'open' ? !b.closed : filter === 'closed' ? b.closed : true));
    return { body: picked.map(({ shortLink: _s, ...b }) => b) };
  });
  server.route('GET', '/1/boards/:id/lists', ({ params, query }) => {
    if (isBadId(params.id)) return text(400, 'invalid id');
    const found = boardOf(params.id ?? '');
    if (!found) return text(404, 'The requested resource was not found.');
    const filter = query.get('filter') ?? 'open';
    if (!['open', 'closed', 'all', 'none'].includes(filter)) return text(400, 'invalid value for filter');
    return {
      body: lists
        .filter((l) => l.idBoard === found.id && (filter === 'all' || (filter === 'closed') === l.closed))
        .sort((a, b) => a.pos - b.pos),
    };
  });
  const openCards = (pick: (c: StoredCard) => boolean) =>
    [...cards.values()].filter((c) => pick(c) && !c.closed).map(view);
  server.route('GET', '/1/boards/:id/cards', ({ params }) => {
    if (isBadId(params.id)) return text(400, 'invalid id');
    const found = boardOf(params.id ?? '');
    return found
      ? { body: openCards((c) => c.idBoard === found.id) }
      : text(404, 'The requested resource was not found.');
  });
  server.route('GET', '/1/lists/:id/cards', ({ params }) => {
    if (!ID.test(params.id ?? '')) return text(400, 'invalid id');
    return lists.some((l) => l.id === params.id)
      ? { body: openCards((c) => c.idList === params.id) }
      : text(404, 'The requested resource was not found.');
  });

  server.route('POST', '/1/cards', ({ body, query }) => {
    const input = { ...Object.fromEntries(query), ...(typeof body === 'object' && body ? body : {}) } as Record<
      string,
      unknown
    >;
    const idList = String(input.idList ?? '');
    if (!ID.test(idList) || !lists.some((l) => l.id === idList)) return text(400, 'invalid value for idList');
    const pos = position(input.pos, idList);
    if (pos === undefined) return text(400, 'invalid value for pos');
    const card = addCard(idList, String(input.name ?? ''), {
      desc: String(input.desc ?? ''),
      due: (input.due as string | undefined) ?? null,
      start: (input.start as string | undefined) ?? null,
      idMembers: listIds(input.idMembers),
      idLabels: listIds(input.idLabels),
      pos,
    });
    return { body: { ...view(card), badges: {}, checkItemStates: [], attachments: [] } };
  });
  server.route('GET', '/1/cards/:id', ({ params }) => {
    if (isBadId(params.id)) return text(400, 'invalid id');
    const card = cardOf(params.id ?? '');
    return card ? { body: view(card) } : text(404, 'The requested resource was not found.');
  });
  server.route('PUT', '/1/cards/:id', ({ params, body }) => {
    if (isBadId(params.id)) return text(400, 'invalid id');
    const card = cardOf(params.id ?? '');
    if (!card) return text(404, 'The requested resource was not found.');
    const input = (typeof body === 'object' && body ? body : {}) as Record<string, unknown>;
    if (input.idList !== undefined) {
      const list = lists.find((l) => l.id === input.idList);
      if (!list) return text(400, 'invalid value for idList');
      if (list.idBoard !== card.idBoard && input.idBoard !== list.idBoard) return text(400, 'invalid value for idList');
      card.idList = list.id;
      card.idBoard = list.idBoard;
    }
    if (input.pos !== undefined || input.idList !== undefined) {
      const pos = position(input.pos ?? 'bottom', card.idList, card.id);
      if (pos === undefined) return text(400, 'invalid value for pos');
      card.pos = pos;
    }
    for (const name of ['name', 'desc', 'due', 'start'] as const) if (name in input) card[name] = input[name] as never;
    for (const name of ['dueComplete', 'closed'] as const) {
      if (name in input) {
        if (typeof input[name] !== 'boolean') return text(400, `invalid value for ${name}`);
        card[name] = input[name];
      }
    }
    if ('idMembers' in input) card.idMembers = listIds(input.idMembers);
    if ('idLabels' in input) card.idLabels = listIds(input.idLabels);
    card.dateLastActivity = new Date().toISOString();
    return { body: view(card) };
  });
  server.route('POST', '/1/cards/:id/actions/comments', ({ params, body, query }) => {
    if (isBadId(params.id)) return text(400, 'invalid id');
    const card = cardOf(params.id ?? '');
    if (!card) return text(404, 'The requested resource was not found.');
    const comment = (body as { text?: unknown } | undefined)?.text ?? query.get('text');
    if (typeof comment !== 'string' || comment.length === 0) return text(400, 'invalid value for text');
    const id = newId();
    comments.push({ id, cardId: card.id, text: comment });
    return {
      body: {
        id,
        idMemberCreator: me.id,
        type: 'commentCard',
        date: new Date().toISOString(),
        data: {
          text: comment,
          card: { id: card.id, name: card.name, idShort: 1, shortLink: card.shortLink },
          board: { id: card.idBoard },
          list: { id: card.idList },
        },
        memberCreator: me,
      },
    };
  });

  return {
    server,
    url: `${server.url}/1`,
    me,
    board,
    otherBoard,
    lists: {
      todo: lists[0]?.id ?? '',
      doing: lists[1]?.id ?? '',
      done: lists[2]?.id ?? '',
      elsewhere: lists[4]?.id ?? '',
    },
    label,
    cards,
    comments,
    addCard: (idList, name) => addCard(idList, name),
    close: () => server.close(),
  };
}
