import { defineAction, type Static, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { trello } from '../client.js';

const board = Type.Object({
  id: Type.String({ description: 'Board ID.' }),
  name: Type.String({ description: 'Board name.' }),
  desc: Type.String({ description: 'Board description.' }),
  url: Type.String({ description: 'Link to the board.' }),
  shortUrl: Type.String({ description: 'Short link to the board.' }),
  closed: Type.Boolean({ description: 'Whether the board is closed.' }),
  idOrganization: Type.Union([Type.String(), Type.Null()], { description: 'Workspace the board belongs to.' }),
  dateLastActivity: Type.Union([Type.String(), Type.Null()], { description: 'When the board last changed.' }),
});

/** GET /1/members/{id}/boards */
export const listBoards = defineAction({
  key: 'boards.list',
  title: 'List a member’s boards',
  description: 'Lists the Trello boards a member (by default the token’s own member) belongs to.',
  auth,
  input: Type.Object({
    member: Type.String({
      minLength: 1,
      default: 'me',
      description: 'Member ID or username; me (default) for the token’s member.',
    }),
    filter: Type.Union(
      ['open', 'closed', 'members', 'organization', 'public', 'starred', 'all'].map((f) => Type.Literal(f)),
      { default: 'open', description: 'Which boards: open (default), closed, starred, all, …' },
    ),
  }),
  output: Type.Object({ boards: Type.Array(board, { description: 'The member’s boards.' }) }),
  examples: [{ title: 'My open boards', input: {} }],
  async run({ input, auth, ctx }) {
    const boards = await trello(auth, ctx).call<Static<typeof board>[]>(
      'GET',
      `/members/${encodeURIComponent(input.member)}/boards`,
      { query: { filter: input.filter, fields: 'name,desc,url,shortUrl,closed,idOrganization,dateLastActivity' } },
    );
    return {
      boards: boards.map((b) => ({
        id: b.id,
        name: b.name,
        desc: b.desc ?? '',
        url: b.url,
        shortUrl: b.shortUrl,
        closed: b.closed,
        idOrganization: b.idOrganization ?? null,
        dateLastActivity: b.dateLastActivity ?? null,
      })),
    };
  },
});
