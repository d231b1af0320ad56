import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { type Card, card, position, toCard, trelloId } from '../cards.js';
import { trello } from '../client.js';

/** PUT /1/cards/{id} with idList (and idBoard for another board). */
export const moveCard = defineAction({
  key: 'cards.move',
  title: 'Move a card',
  description:
    'Moves a Trello card to another list, on the same board or another one, at the top, bottom or a position.',
  auth,
  input: Type.Object({
    id: trelloId('Card to move'),
    idList: trelloId('List to move the card to'),
    idBoard: Type.Optional(trelloId('Board of that list, when it is another board')),
    pos: Type.Optional(position),
  }),
  output: card,
  examples: [
    {
      title: 'Move to Done',
      input: { id: '5abbe4b7ddc1b351ef961415', idList: '5abbe4b7ddc1b351ef961416', pos: 'top' },
    },
  ],
  async run({ input, auth, ctx }) {
    const { id, ...target } = input;
    const moved = await trello(auth, ctx).call<Card & Record<string, unknown>>('PUT', `/cards/${id}`, { json: target });
    return toCard(moved);
  },
});
