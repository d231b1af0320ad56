import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callAsana } from '../client.js';
import { gid } from '../tasks.js';

interface AsanaStory {
  gid: string;
  created_at: string;
  text?: string;
  is_pinned?: boolean;
  created_by?: { gid: string; name?: string | null } | null;
}

/** POST /tasks/{task_gid}/stories */
export const addComment = defineAction({
  key: 'tasks.comment',
  title: 'Comment on a task',
  description: 'Adds a comment (a story) to an Asana task, as plain text or Asana rich text, optionally pinned.',
  auth,
  input: Type.Object({
    task: gid('Task to comment on'),
    text: Type.Optional(Type.String({ minLength: 1, description: 'Comment as plain text (give this or html_text).' })),
    html_text: Type.Optional(
      Type.String({ minLength: 1, description: 'Comment as Asana rich text, wrapped in <body>…</body>.' }),
    ),
    is_pinned: Type.Optional(Type.Boolean({ description: 'Pin the comment to the top of the task.' })),
  }),
  output: Type.Object({
    gid: Type.String({ description: 'Story GID of the comment.' }),
    text: Type.String({ description: 'The comment as plain text.' }),
    is_pinned: Type.Boolean({ description: 'Whether it is pinned.' }),
    created_at: Type.String({ description: 'When it was posted (ISO 8601).' }),
    created_by: Type.Union([Type.String(), Type.Null()], { description: 'GID of the user who posted it.' }),
  }),
  examples: [{ title: 'Comment on a task', input: { task: '1204000000000042', text: 'Shipped to staging.' } }],
  async run({ input, auth, ctx }) {
    const { task, ...comment } = input;
    if (comment.text === undefined && comment.html_text === undefined) {
      throw new ConnectorError('Give text or html_text', { kind: 'invalid_input', actionKey: ctx.actionKey });
    }
    const created: { data: AsanaStory } = await callAsana(auth, ctx, ({ stories }) =>
      stories.createStoryForTask({ data: comment }, task, { opt_fields: 'text,is_pinned,created_at,created_by' }),
    );
    const story = created.data;
    return {
      gid: story.gid,
      text: story.text ?? '',
      is_pinned: story.is_pinned ?? false,
      created_at: story.created_at,
      created_by: story.created_by?.gid ?? null,
    };
  },
});
