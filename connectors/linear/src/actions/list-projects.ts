import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withLinear } from '../client.js';
import { pageInput, pageOutput } from '../issues.js';

export const listProjects = defineAction({
  auth,
  key: 'projects.list',
  title: 'List projects',
  description: 'Lists projects, with their state, progress and target date, one page at a time.',
  input: Type.Object({ ...pageInput }),
  output: Type.Object({
    projects: Type.Array(
      Type.Object({
        id: Type.String({ description: 'Project id' }),
        name: Type.String({ description: 'Project name' }),
        state: Type.String({ description: 'backlog, planned, started, paused, completed or canceled' }),
        progress: Type.Number({ description: 'Share of its issues done, 0–1' }),
        targetDate: Type.Union([Type.String(), Type.Null()], { description: 'Target date (YYYY-MM-DD)' }),
        url: Type.String({ description: 'Link to the project in Linear' }),
      }),
      { description: 'Projects on this page' },
    ),
    ...pageOutput,
  }),
  examples: [{ input: { first: 50 } }],
  async run({ input, auth, ctx }) {
    const page = await withLinear(auth, ctx, (linear) =>
      linear.projects({ first: input.first, ...(input.after ? { after: input.after } : {}) }),
    );
    return {
      projects: page.nodes.map((project) => ({
        id: project.id,
        name: project.name,
        state: project.state,
        progress: project.progress,
        targetDate: project.targetDate ?? null,
        url: project.url,
      })),
      hasNextPage: page.pageInfo.hasNextPage,
      endCursor: page.pageInfo.endCursor ?? null,
    };
  },
});
