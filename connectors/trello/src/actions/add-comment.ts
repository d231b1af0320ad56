import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { trelloId } from '../cards.js';
import { trello } from '../client.js';

interface CommentAction {
  id: string;
  date: string;
  idMemberCreator: string;
  data: { text: string; card: { id: string } };
}

/** POST /1/cards/{id}/actions/comments */
export const addComment = defineAction({
  key: 'cards.comment',
  title: 'Comment on a card',
  description: 'Adds a comment to a Trello card as the token’s member; @mentions notify the members named.',
  auth,
  input: Type.Object({
    id: trelloId('Card to comment on'),
    text: Type.String({ minLength: 1, maxLength: 16384, description: 'Comment text (Markdown).' }),
  }),
  output: Type.Object({
    id: Type.String({ description: 'ID of the comment (a commentCard action).' }),
    cardId: Type.String({ description: 'Card commented on.' }),
    text: Type.String({ description: 'The comment as stored.' }),
    memberId: Type.String({ description: 'Member who wrote it.' }),
    date: Type.String({ description: 'When it was posted (ISO 8601).' }),
  }),
  examples: [{ title: 'Comment on a card', input: { id: '5abbe4b7ddc1b351ef961415', text: 'Deployed to staging.' } }],
  async run({ input, auth, ctx }) {
    const action = await trello(auth, ctx).call<CommentAction>('POST', `/cards/${input.id}/actions/comments`, {
      json: { text: input.text },
    });
    return {
      id: action.id,
      cardId: action.data.card.id,
      text: action.data.text,
      memberId: action.idMemberCreator,
      date: action.date,
    };
  },
});
