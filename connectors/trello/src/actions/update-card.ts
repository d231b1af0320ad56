import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { type Card, card, position, toCard, trelloId } from '../cards.js';
import { trello } from '../client.js';

/** PUT /1/cards/{id} */
export const updateCard = defineAction({
  key: 'cards.update',
  title: 'Update a card',
  description:
    'Changes a Trello card’s title, description, dates, members, labels or position, marks its due date complete, or archives it; fields left out keep their values.',
  auth,
  input: Type.Object({
    id: trelloId('Card to update'),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 16384, description: 'New title.' })),
    desc: Type.Optional(Type.String({ maxLength: 16384, description: 'New description (Markdown).' })),
    due: Type.Optional(
      Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Due date; null removes it.' }),
    ),
    dueComplete: Type.Optional(Type.Boolean({ description: 'Mark the due date complete.' })),
    start: Type.Optional(
      Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Start date; null removes it.' }),
    ),
    closed: Type.Optional(Type.Boolean({ description: 'true archives the card, false restores it.' })),
    idMembers: Type.Optional(
      Type.Array(trelloId('Member ID'), { description: 'Members, replacing the current ones.' }),
    ),
    idLabels: Type.Optional(Type.Array(trelloId('Label ID'), { description: 'Labels, replacing the current ones.' })),
    pos: Type.Optional(position),
  }),
  output: card,
  examples: [
    { title: 'Mark done and archive', input: { id: '5abbe4b7ddc1b351ef961415', dueComplete: true, closed: true } },
  ],
  async run({ input, auth, ctx }) {
    const { id, idMembers, idLabels, ...fields } = input;
    const changes = {
      ...fields,
      ...(idMembers ? { idMembers: idMembers.join(',') } : {}),
      ...(idLabels ? { idLabels: idLabels.join(',') } : {}),
    };
    if (Object.keys(changes).length === 0) {
      throw new ConnectorError('Nothing to change: give at least one field besides id', {
        kind: 'invalid_input',
        actionKey: ctx.actionKey,
      });
    }
    const updated = await trello(auth, ctx).call<Card & Record<string, unknown>>('PUT', `/cards/${id}`, {
      json: changes,
    });
    return toCard(updated);
  },
});
