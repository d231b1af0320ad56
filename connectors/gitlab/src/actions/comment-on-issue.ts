import { IssueNotes } from '@gitbeaker/rest';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGitlab } from '../client.js';
import { iidField, noteSchema, projectField, toNote } from '../schemas.js';

export const commentOnIssue = defineAction({
  auth,
  key: 'issues.comment',
  title: 'Comment on an issue',
  description: 'Adds a comment (note) to an issue, optionally as an internal note. Quick actions such as /label work.',
  input: Type.Object({
    project: projectField,
    issueIid: iidField('Issue'),
    body: Type.String({ minLength: 1, maxLength: 1_000_000, description: 'Comment text (Markdown)' }),
    internal: Type.Optional(Type.Boolean({ description: 'Post an internal note, visible to project members only' })),
  }),
  output: noteSchema,
  examples: [{ input: { project: 'acme/api', issueIid: 1, body: 'Deployed the fix in v2.4.1.' } }],
  async run({ input, auth, ctx }) {
    const note = await withGitlab(auth, ctx, IssueNotes, (notes) =>
      notes.create(input.project, input.issueIid, input.body, { internal: input.internal }),
    );
    return toNote(note);
  },
});
