import { Projects } from '@gitbeaker/rest';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGitlab } from '../client.js';
import { projectField, projectSchema, toProject } from '../schemas.js';

export const getProject = defineAction({
  auth,
  key: 'projects.get',
  title: 'Get a project',
  description: 'Reads a project by ID or full path: name, default branch, visibility and links.',
  input: Type.Object({ project: projectField }),
  output: projectSchema,
  examples: [{ input: { project: 'acme/api' } }],
  async run({ input, auth, ctx }) {
    const project = await withGitlab(auth, ctx, Projects, (projects) => projects.show(input.project));
    return toProject(project);
  },
});
