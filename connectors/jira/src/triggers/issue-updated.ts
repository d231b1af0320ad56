import { defineTrigger } from '@mova/sdk';
import { auth } from '../auth.js';
import { issueSchema } from '../issue.js';
import { pollIssues, watchInput } from './watch.js';

export const issueUpdated = defineTrigger({
  auth,
  kind: 'polling',
  key: 'issues.updated',
  title: 'Issue created or updated',
  description:
    'Starts a workflow for each issue that was created or changed (any field, status, comment) since the last poll, optionally only issues matching a JQL filter. Emits the issue once per change, oldest change first.',
  input: watchInput,
  output: issueSchema,
  dedupe: { by: 'timestamp', field: 'updated' },
  examples: [{ title: 'Changes to a project’s bugs', input: { jql: 'project = PROJ AND issuetype = Bug' } }],
  async poll(args) {
    return pollIssues('updated', args);
  },
});
