import { defineTrigger, Type } from '@mova/sdk';
import { folderField, SINCE_EVER } from '../actions/list-mail.js';
import { auth } from '../auth.js';
import { type GraphPage, withGraph } from '../client.js';
import { LIST_FIELDS, messageOf, messageSchema, type RawMessage } from '../mail.js';
import { mailboxField, root } from '../mailbox.js';

export const newMail = defineTrigger({
  auth,
  kind: 'polling',
  key: 'mail.new',
  title: 'New email',
  description:
    'Starts a workflow for each new message in a folder (the inbox by default): each poll reads the newest messages by received time and emits those not emitted before (by id), oldest first. A message moved into the folder counts as new (its id changes on a move).',
  input: Type.Object({
    folder: folderField,
    unreadOnly: Type.Optional(Type.Boolean({ description: 'Only unread messages' })),
    top: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 50,
      description:
        'Newest messages read per poll, 1–100 (default 50); more new ones than this between two polls are missed',
    }),
    mailbox: mailboxField,
  }),
  output: messageSchema,
  dedupe: { by: 'id', field: 'id' },
  examples: [{ title: 'Unread mail in the inbox', input: { folder: 'inbox', unreadOnly: true, top: 50 } }],
  async poll({ input, auth, ctx }) {
    const path = `${root(input.mailbox)}/mailFolders/${encodeURIComponent(input.folder)}/messages`;
    const page: GraphPage<RawMessage> = await withGraph(auth, ctx, (graph) => {
      const request = graph.api(path).top(input.top).select(LIST_FIELDS).orderby('receivedDateTime desc');
      return (input.unreadOnly ? request.filter(`${SINCE_EVER} and isRead eq false`) : request).get();
    });
    return page.value.map((m) => messageOf(m)).reverse();
  },
});
