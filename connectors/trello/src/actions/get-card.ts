import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { CARD_FIELDS, type Card, card, toCard } from '../cards.js';
import { trello } from '../client.js';

/** GET /1/cards/{id} */
export const getCard = defineAction({
  key: 'cards.get',
  title: 'Get a card',
  description: 'Reads one Trello card by its ID or short link.',
  auth,
  input: Type.Object({
    id: Type.String({ pattern: '^[0-9a-zA-Z]{8,24}$', description: 'Card ID, or its 8-character short link.' }),
  }),
  output: card,
  examples: [{ title: 'Get a card', input: { id: '5abbe4b7ddc1b351ef961415' } }],
  async run({ input, auth, ctx }) {
    const found = await trello(auth, ctx).call<Card & Record<string, unknown>>('GET', `/cards/${input.id}`, {
      query: { fields: CARD_FIELDS },
    });
    return toCard(found);
  },
});
