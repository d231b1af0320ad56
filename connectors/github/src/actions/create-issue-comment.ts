import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { github } from '../client.js';
import { Comment, commentFrom } from '../shapes/comment.js';
import { issueNumber, owner, repo } from '../shapes/common.js';
import { octocat } from '../shapes/examples.js';

export const createIssueComment = defineAction({
  auth,
  key: 'issues.createComment',
  title: 'Comment on an issue or pull request',
  description: 'Posts a comment on an issue, or on the conversation of a pull request (same numbering).',
  input: Type.Object({
    owner,
    repo,
    issue_number: issueNumber('Number of the issue or pull request to comment on.'),
    body: Type.String({ minLength: 1, description: 'Text of the comment, in Markdown.' }),
  }),
  output: Comment,
  examples: [
    {
      input: { owner: 'octocat', repo: 'Hello-World', issue_number: 1347, body: 'Me too' },
      output: {
        id: 1,
        body: 'Me too',
        html_url: 'https://github.com/octocat/Hello-World/issues/1347#issuecomment-1',
        user: octocat,
        created_at: '2011-04-14T16:00:49Z',
        updated_at: '2011-04-14T16:00:49Z',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const { data } = await github(auth, ctx).rest.issues.createComment(input);
    return commentFrom(data);
  },
});
