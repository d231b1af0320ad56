import { Issues } from '@gitbeaker/rest';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGitlab } from '../client.js';
import { iidField, issueSchema, projectField, toIssue } from '../schemas.js';

export const getIssue = defineAction({
  auth,
  key: 'issues.get',
  title: 'Get an issue',
  description: 'Reads one issue of a project by its number (iid).',
  input: Type.Object({ project: projectField, issueIid: iidField('Issue') }),
  output: issueSchema,
  examples: [{ input: { project: 'acme/api', issueIid: 1 } }],
  async run({ input, auth, ctx }) {
    const issue = await withGitlab(auth, ctx, Issues, (issues) =>
      issues.show(input.issueIid, { projectId: input.project }),
    );
    return toIssue(issue);
  },
});
