import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { readAll, withGraph } from '../client.js';

interface RawTeam {
  id: string;
  displayName: string;
  description?: string | null;
  isArchived?: boolean | null;
}

export const listTeams = defineAction({
  auth,
  key: 'teams.list',
  title: 'List teams',
  description:
    'Lists the teams the signed-in user is a member of (joinedTeams), or a given user’s teams (needed with app-only access).',
  input: Type.Object({
    userId: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Entra ID object id or user principal name whose teams to list; default the signed-in user',
      }),
    ),
  }),
  output: Type.Object({
    teams: Type.Array(
      Type.Object({
        id: Type.String({ description: 'Team id (the Microsoft 365 group id)' }),
        displayName: Type.String({ description: 'Team name' }),
        description: Type.Optional(Type.String({ description: 'Team description' })),
        isArchived: Type.Boolean({ description: 'Archived teams are read-only' }),
      }),
      { description: 'Teams, every page read' },
    ),
  }),
  examples: [{ input: {} }],
  async run({ input, auth, ctx }) {
    const path = input.userId ? `/users/${encodeURIComponent(input.userId)}/joinedTeams` : '/me/joinedTeams';
    const teams = await withGraph(auth, ctx, (graph) => readAll<RawTeam>(graph, path));
    return {
      teams: teams.map((team) => ({
        id: team.id,
        displayName: team.displayName,
        ...(team.description ? { description: team.description } : {}),
        isArchived: team.isArchived ?? false,
      })),
    };
  },
});
