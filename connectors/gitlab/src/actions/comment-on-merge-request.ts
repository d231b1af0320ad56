import { MergeRequestNotes } from '@gitbeaker/rest';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGitlab } from '../client.js';
import { iidField, noteSchema, projectField, toNote } from '../schemas.js';

export const commentOnMergeRequest = defineAction({
  auth,
  key: 'mergeRequests.comment',
  title: 'Comment on a merge request',
  description: 'Adds a comment (note) to a merge request, optionally as an internal note.',
  input: Type.Object({
    project: projectField,
    mergeRequestIid: iidField('Merge request'),
    body: Type.String({ minLength: 1, maxLength: 1_000_000, description: 'Comment text (Markdown)' }),
    internal: Type.Optional(Type.Boolean({ description: 'Post an internal note, visible to project members only' })),
  }),
  output: noteSchema,
  examples: [{ input: { project: 'acme/api', mergeRequestIid: 1, body: 'Staging checks passed :white_check_mark:' } }],
  async run({ input, auth, ctx }) {
    const note = await withGitlab(auth, ctx, MergeRequestNotes, (notes) =>
      notes.create(input.project, input.mergeRequestIid, input.body, { internal: input.internal }),
    );
    return toNote(note);
  },
});
