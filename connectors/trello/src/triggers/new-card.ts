import { ConnectorError, defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { CARD_FIELDS, type Card, card, toCard } from '../cards.js';
import { trello } from '../client.js';

/** A Trello ID starts with the creation time in hex seconds (a MongoDB ObjectId). */
export function createdAtOf(id: string): string {
  return new Date(Number.parseInt(id.slice(0, 8), 16) * 1000).toISOString();
}

/** GET /1/lists/{id}/cards or /1/boards/{id}/cards, each card emitted once (dedupe by id). */
export const newCard = defineTrigger({
  kind: 'polling',
  key: 'cards.new',
  title: 'New card',
  description: 'Starts a workflow when a card is added to a Trello list or board (created, or moved in for a list).',
  auth,
  input: Type.Object({
    idList: Type.Optional(
      Type.String({ pattern: '^[0-9a-fA-F]{24}$', description: 'Watch this list (give this or idBoard).' }),
    ),
    idBoard: Type.Optional(
      Type.String({
        pattern: '^[0-9a-zA-Z]{8,24}$',
        description: 'Watch every open card of this board (ID or short link).',
      }),
    ),
  }),
  output: Type.Composite([
    card,
    Type.Object({ createdAt: Type.String({ description: 'When the card was created (from its ID).' }) }),
  ]),
  dedupe: { by: 'id', field: 'id' },
  examples: [{ title: 'Cards added to a list', input: { idList: '5abbe4b7ddc1b351ef961414' } }],
  async poll({ input, auth, ctx }) {
    const path = input.idList
      ? `/lists/${input.idList}/cards`
      : input.idBoard
        ? `/boards/${input.idBoard}/cards`
        : undefined;
    if (!path) throw new ConnectorError('Give idList or idBoard', { kind: 'invalid_input', actionKey: ctx.actionKey });
    const cards = await trello(auth, ctx).call<(Card & Record<string, unknown>)[]>('GET', path, {
      query: { fields: CARD_FIELDS, filter: 'open' },
    });
    return cards
      .map((c) => ({ ...toCard(c), createdAt: createdAtOf(c.id) }))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  },
});
