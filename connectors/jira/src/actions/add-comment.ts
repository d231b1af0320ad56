import { defineAction, Type } from '@mova/sdk';
import { adfToText, textToAdf } from '../adf.js';
import { auth } from '../auth.js';
import { withJira } from '../client.js';
import { issueKeyInput, userOf, userSchema } from '../issue.js';

export const addComment = defineAction({
  auth,
  key: 'issues.comment',
  title: 'Comment on an issue',
  description:
    'Adds a comment to an issue, visible to everyone who can see the issue or only to a project role or group.',
  input: Type.Object({
    issueKey: issueKeyInput,
    body: Type.String({ minLength: 1, description: 'Comment text (plain text; wiki markup on Data Center)' }),
    visibleToRole: Type.Optional(
      Type.String({ minLength: 1, description: 'Show the comment only to this project role, e.g. Developers' }),
    ),
    visibleToGroup: Type.Optional(
      Type.String({ minLength: 1, description: 'Show the comment only to this group, e.g. jira-software-users' }),
    ),
  }),
  output: Type.Object({
    id: Type.String({ description: 'Id of the comment' }),
    body: Type.String({ description: 'The comment as Jira stored it, as text' }),
    author: userSchema('Who wrote it (the connection’s account)'),
    created: Type.String({ description: 'When it was created' }),
  }),
  examples: [{ title: 'Note a deployment', input: { issueKey: 'PROJ-1', body: 'Deployed to staging in build 512.' } }],
  async run({ input, auth, ctx }) {
    return withJira(auth, ctx, async (jira) => {
      const visibility = input.visibleToRole
        ? { type: 'role' as const, value: input.visibleToRole }
        : input.visibleToGroup
          ? { type: 'group' as const, value: input.visibleToGroup }
          : undefined;
      const comment =
        jira.deployment === 'cloud'
          ? await jira.v3.issueComments.addComment({
              issueIdOrKey: input.issueKey,
              comment: textToAdf(input.body),
              visibility,
            })
          : await jira.v2.issueComments.addComment({ issueIdOrKey: input.issueKey, comment: input.body, visibility });
      const stored: { id?: unknown; body?: unknown } = comment;
      return {
        id: String(comment.id ?? ''),
        body: adfToText(stored.body) ?? input.body,
        author: userOf(comment.author),
        created: String(comment.created ?? ''),
      };
    });
  },
});
