import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { nextCursor, withSentry } from '../client.js';
import { cursorField, projectSchema, toProject } from '../schemas.js';

export const listProjects = defineAction({
  auth,
  key: 'projects.list',
  title: 'List projects',
  description: "Lists the organization's projects with their IDs and slugs, one page at a time (cursor paging).",
  input: Type.Object({ cursor: cursorField }),
  output: Type.Object({
    projects: Type.Array(projectSchema, { description: 'Projects on this page' }),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Cursor of the next page, or null on the last',
    }),
  }),
  examples: [{ input: {} }],
  async run({ input, auth, ctx }) {
    const response = await withSentry(auth, ctx, (http) => http.get('/projects/', { query: { cursor: input.cursor } }));
    return {
      projects: Array.isArray(response.data) ? response.data.map(toProject) : [],
      nextCursor: nextCursor(response.headers.link),
    };
  },
});
