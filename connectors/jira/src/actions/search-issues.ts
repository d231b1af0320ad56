import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withJira } from '../client.js';
import { fieldsInput, issueSchema, toIssue } from '../issue.js';
import { searchIssues } from '../search.js';

export const searchIssuesAction = defineAction({
  auth,
  key: 'issues.search',
  title: 'Search issues with JQL',
  description:
    'Finds issues with a JQL query (e.g. project = PROJ AND status = "In Progress" ORDER BY updated DESC), reading as many pages as needed up to limit; pass the returned nextPageToken to continue.',
  input: Type.Object({
    jql: Type.String({
      minLength: 1,
      description:
        'JQL query. Cloud refuses unbounded queries: restrict it, e.g. by project or updated >= -30d, and add ORDER BY for a stable order',
    }),
    fields: fieldsInput,
    limit: Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 50,
      description: 'Most issues to return (default 50, at most 1000; read 100 per request)',
    }),
    pageToken: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'nextPageToken of a previous search with the same JQL, to continue it',
      }),
    ),
  }),
  output: Type.Object({
    issues: Type.Array(issueSchema, { description: 'The issues found, in the JQL’s order' }),
    nextPageToken: Type.Union([Type.String(), Type.Null()], {
      description: 'Token to continue after these issues; null when there are no more',
    }),
    total: Type.Union([Type.Integer(), Type.Null()], {
      description: 'How many issues match in all (Data Center); null on Cloud, whose search does not count',
    }),
  }),
  examples: [
    {
      title: 'Open bugs of a project, newest first',
      input: { jql: 'project = PROJ AND issuetype = Bug AND statusCategory != Done ORDER BY created DESC', limit: 20 },
    },
  ],
  async run({ input, auth, ctx }) {
    return withJira(auth, ctx, async (jira) => {
      const found = await searchIssues(jira, input);
      return {
        issues: found.issues.map((raw) => toIssue(jira, raw)),
        nextPageToken: found.next,
        total: found.total,
      };
    });
  },
});
