import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { type GraphPage, nextPageToken, withGraph } from '../client.js';
import { LIST_FIELDS, messageOf, messageSchema, type RawMessage } from '../mail.js';
import { mailboxField, nextPageTokenField, pageTokenField, root } from '../mailbox.js';

/** A receivedDateTime condition every message meets. */
export const SINCE_EVER = 'receivedDateTime ge 1900-01-01T00:00:00Z';

export const folderField = Type.String({
  minLength: 1,
  default: 'inbox',
  description:
    'Folder: a well-known name (inbox, sentitems, drafts, deleteditems, archive, junkemail) or a folder id; default inbox',
});

export const listMail = defineAction({
  auth,
  key: 'mail.list',
  title: 'List emails',
  description:
    'Lists the messages in a mail folder, newest first, a page at a time; optionally only unread ones, only from one sender, or matching an OData $filter.',
  input: Type.Object({
    folder: folderField,
    top: Type.Integer({ minimum: 1, maximum: 100, default: 25, description: 'Messages per page, 1–100 (default 25)' }),
    unreadOnly: Type.Optional(Type.Boolean({ description: 'Only unread messages' })),
    from: Type.Optional(
      Type.String({ pattern: "^[^\\s@']+@[^\\s@']+$", description: 'Only messages from this address' }),
    ),
    filter: Type.Optional(
      Type.String({ minLength: 1, description: 'More conditions as an OData $filter, e.g. hasAttachments eq true' }),
    ),
    pageToken: pageTokenField,
    mailbox: mailboxField,
  }),
  output: Type.Object({
    messages: Type.Array(messageSchema, { description: 'Messages of this page, newest first (without bodies)' }),
    nextPageToken: nextPageTokenField,
  }),
  examples: [{ input: { folder: 'inbox', top: 10, unreadOnly: true } }],
  async run({ input, auth, ctx }) {
    const path = `${root(input.mailbox)}/mailFolders/${encodeURIComponent(input.folder)}/messages`;
    const wanted = [
      ...(input.unreadOnly ? ['isRead eq false'] : []),
      ...(input.from ? [`from/emailAddress/address eq '${input.from}'`] : []),
      ...(input.filter ? [`(${input.filter})`] : []),
    ];
    // Outlook refuses a $filter that does not start with the $orderby property (InefficientFilter);
    // an always-true bound on receivedDateTime is the documented way around it.
    const conditions = wanted.length ? [SINCE_EVER, ...wanted] : [];
    const page: GraphPage<RawMessage> = await withGraph(auth, ctx, (graph) => {
      const request = graph.api(path);
      if (input.pageToken) return request.query(input.pageToken).get();
      const listed = request.top(input.top).select(LIST_FIELDS).orderby('receivedDateTime desc');
      return (conditions.length ? listed.filter(conditions.join(' and ')) : listed).get();
    });
    const next = nextPageToken(page);
    return { messages: page.value.map((m) => messageOf(m)), ...(next ? { nextPageToken: next } : {}) };
  },
});
