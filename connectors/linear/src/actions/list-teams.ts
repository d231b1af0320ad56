import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withLinear } from '../client.js';
import { pageInput, pageOutput } from '../issues.js';

export const listTeams = defineAction({
  auth,
  key: 'teams.list',
  title: 'List teams',
  description: 'Lists the teams the key can see, with their ids and keys (the ENG in ENG-123), one page at a time.',
  input: Type.Object({ ...pageInput }),
  output: Type.Object({
    teams: Type.Array(
      Type.Object({
        id: Type.String({ description: 'Team id' }),
        key: Type.String({ description: 'Team key, the prefix of its issue identifiers' }),
        name: Type.String({ description: 'Team name' }),
        description: Type.Union([Type.String(), Type.Null()], { description: 'Description' }),
      }),
      { description: 'Teams on this page' },
    ),
    ...pageOutput,
  }),
  examples: [{ input: { first: 50 } }],
  async run({ input, auth, ctx }) {
    const page = await withLinear(auth, ctx, (linear) =>
      linear.teams({ first: input.first, ...(input.after ? { after: input.after } : {}) }),
    );
    return {
      teams: page.nodes.map((team) => ({
        id: team.id,
        key: team.key,
        name: team.name,
        description: team.description ?? null,
      })),
      hasNextPage: page.pageInfo.hasNextPage,
      endCursor: page.pageInfo.endCursor ?? null,
    };
  },
});
