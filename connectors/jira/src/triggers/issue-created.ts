import { defineTrigger } from '@mova/sdk';
import { auth } from '../auth.js';
import { issueSchema } from '../issue.js';
import { pollIssues, watchInput } from './watch.js';

export const issueCreated = defineTrigger({
  auth,
  kind: 'polling',
  key: 'issues.created',
  title: 'New issue',
  description:
    'Starts a workflow for each issue created since the last poll, optionally only issues matching a JQL filter, oldest first.',
  input: watchInput,
  output: issueSchema,
  dedupe: { by: 'timestamp', field: 'created' },
  examples: [{ title: 'New issues in a project', input: { jql: 'project = PROJ' } }],
  async poll(args) {
    return pollIssues('created', args);
  },
});
