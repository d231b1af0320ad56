import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { type Card, card, position, toCard, trelloId } from '../cards.js';
import { trello } from '../client.js';

/** POST /1/cards */
export const createCard = defineAction({
  key: 'cards.create',
  title: 'Create a card',
  description: 'Creates a Trello card in a list, with a description, position, dates, members and labels.',
  auth,
  input: Type.Object({
    idList: trelloId('List to create the card in'),
    name: Type.String({ minLength: 1, maxLength: 16384, description: 'Card title.' }),
    desc: Type.Optional(Type.String({ maxLength: 16384, description: 'Description (Markdown).' })),
    pos: Type.Optional(position),
    due: Type.Optional(Type.String({ format: 'date-time', description: 'Due date (ISO 8601).' })),
    start: Type.Optional(Type.String({ format: 'date-time', description: 'Start date (ISO 8601).' })),
    idMembers: Type.Optional(Type.Array(trelloId('Member ID'), { description: 'Members to assign.' })),
    idLabels: Type.Optional(Type.Array(trelloId('Label ID'), { description: 'Labels (of the board) to add.' })),
  }),
  output: card,
  examples: [
    {
      title: 'Add a card to the top of a list',
      input: {
        idList: '5abbe4b7ddc1b351ef961414',
        name: 'Ship the release notes',
        desc: 'Draft in the wiki.',
        pos: 'top',
        due: '2026-02-01T17:00:00.000Z',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const { idMembers, idLabels, ...fields } = input;
    const created = await trello(auth, ctx).call<Card & Record<string, unknown>>('POST', '/cards', {
      json: {
        ...fields,
        // Trello documents both as comma-separated lists of IDs.
        ...(idMembers ? { idMembers: idMembers.join(',') } : {}),
        ...(idLabels ? { idLabels: idLabels.join(',') } : {}),
      },
    });
    return toCard(created);
  },
});
