import { defineAction, type Static, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { trello } from '../client.js';

const list = Type.Object({
  id: Type.String({ description: 'List ID.' }),
  name: Type.String({ description: 'List name.' }),
  closed: Type.Boolean({ description: 'Whether the list is archived.' }),
  pos: Type.Number({ description: 'Position on the board (left to right).' }),
  idBoard: Type.String({ description: 'Board the list is on.' }),
});

/** GET /1/boards/{id}/lists */
export const listLists = defineAction({
  key: 'lists.list',
  title: 'List the lists on a board',
  description: 'Lists the lists (columns) of a Trello board, left to right, to find the idList for new or moved cards.',
  auth,
  input: Type.Object({
    idBoard: Type.String({ pattern: '^[0-9a-zA-Z]{8,24}$', description: 'Board ID, or its 8-character short link.' }),
    filter: Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('all')], {
      default: 'open',
      description: 'open (default), closed (archived) or all lists.',
    }),
  }),
  output: Type.Object({ lists: Type.Array(list, { description: 'The board’s lists, left to right.' }) }),
  examples: [{ title: 'Open lists of a board', input: { idBoard: 'nC8QJJoZ' } }],
  async run({ input, auth, ctx }) {
    const lists = await trello(auth, ctx).call<Static<typeof list>[]>('GET', `/boards/${input.idBoard}/lists`, {
      query: { filter: input.filter, fields: 'name,closed,pos,idBoard' },
    });
    return { lists: lists.map(({ id, name, closed, pos, idBoard }) => ({ id, name, closed, pos, idBoard })) };
  },
});
