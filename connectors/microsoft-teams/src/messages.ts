import { randomUUID } from 'node:crypto';
import { ConnectorError, type Static, Type } from '@mova/sdk';

export const idField = (description: string) => Type.String({ minLength: 1, description });

/** What a message says: text or HTML, and optionally an adaptive card. */
export const messageBodyFields = {
  content: Type.Optional(
    Type.String({ description: 'Message text, or HTML when contentType is html; may be empty with an adaptive card' }),
  ),
  contentType: Type.Optional(
    Type.Union([Type.Literal('text'), Type.Literal('html')], {
      default: 'html',
      description: 'How content is read: html (default) or text',
    }),
  ),
  adaptiveCard: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), {
      description:
        'An adaptive card (adaptivecards.io) to attach: { "type": "AdaptiveCard", "version": "1.4", "body": [ … ] }. Teams shows cards up to version 1.5',
    }),
  ),
};

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

interface BodyInput {
  content?: string;
  contentType?: 'text' | 'html';
  adaptiveCard?: Record<string, unknown>;
}

/**
 * The chatMessage to post (learn.microsoft.com/graph/api/resources/chatmessage). An adaptive card
 * is an attachment of contentType application/vnd.microsoft.card.adaptive whose content is the card
 * as a JSON string, and the body must name it with `<attachment id="…"></attachment>`.
 */
export function chatMessageOf(input: BodyInput, actionKey: string): Record<string, unknown> {
  const content = input.content ?? '';
  const card = input.adaptiveCard;
  if (!card && content.trim() === '') {
    throw new ConnectorError('give content, an adaptive card, or both', { kind: 'invalid_input', actionKey });
  }
  if (!card) return { body: { contentType: input.contentType ?? 'html', content } };
  if (card.type !== 'AdaptiveCard') {
    throw new ConnectorError('adaptiveCard must have "type": "AdaptiveCard"', { kind: 'invalid_input', actionKey });
  }
  const id = randomUUID();
  // The attachment tag is HTML, so a message with a card is always an HTML one.
  const text = input.contentType === 'text' ? escapeHtml(content) : content;
  return {
    body: { contentType: 'html', content: `${text}<attachment id="${id}"></attachment>` },
    attachments: [{ id, contentType: ADAPTIVE_CARD, contentUrl: null, content: JSON.stringify(card) }],
  };
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const messageSchema = Type.Object({
  id: Type.String({ description: 'Message id' }),
  createdDateTime: Type.String({ description: 'When the message was sent (ISO 8601)' }),
  lastModifiedDateTime: Type.Optional(Type.String({ description: 'When it last changed (ISO 8601)' })),
  subject: Type.Optional(Type.String({ description: 'Subject line of a channel post' })),
  contentType: Type.String({ description: 'text or html' }),
  content: Type.String({ description: 'Message body' }),
  fromUserId: Type.Optional(Type.String({ description: 'Entra ID object id of the user who sent it' })),
  fromName: Type.Optional(Type.String({ description: 'Display name of the sender (user or app)' })),
  fromAppId: Type.Optional(Type.String({ description: 'Id of the app that sent it, for bot and app messages' })),
  replyToId: Type.Optional(Type.String({ description: 'Id of the thread’s first message, for replies' })),
  webUrl: Type.Optional(Type.String({ description: 'Link to the message in Teams' })),
  teamId: Type.Optional(Type.String({ description: 'Team of a channel message' })),
  channelId: Type.Optional(Type.String({ description: 'Channel of a channel message' })),
  chatId: Type.Optional(Type.String({ description: 'Chat of a chat message' })),
  attachments: Type.Array(
    Type.Object({
      id: Type.String({ description: 'Attachment id' }),
      contentType: Type.String({
        description: 'application/vnd.microsoft.card.adaptive for cards, reference for files',
      }),
      name: Type.Optional(Type.String({ description: 'File name' })),
    }),
    { description: 'Cards and files on the message' },
  ),
});

export type Message = Static<typeof messageSchema>;

/** The chatMessage fields Graph returns that this connector reads. */
export interface RawMessage {
  id: string;
  createdDateTime: string;
  lastModifiedDateTime?: string | null;
  subject?: string | null;
  replyToId?: string | null;
  webUrl?: string | null;
  chatId?: string | null;
  channelIdentity?: { teamId?: string; channelId?: string } | null;
  from?: {
    user?: { id?: string; displayName?: string | null } | null;
    application?: { id?: string; displayName?: string | null } | null;
  } | null;
  body: { contentType: string; content: string };
  attachments?: { id: string; contentType: string; name?: string | null }[];
}

export function messageOf(raw: RawMessage): Message {
  const user = raw.from?.user;
  const app = raw.from?.application;
  const name = user?.displayName ?? app?.displayName;
  return {
    id: raw.id,
    createdDateTime: raw.createdDateTime,
    ...(raw.lastModifiedDateTime ? { lastModifiedDateTime: raw.lastModifiedDateTime } : {}),
    ...(raw.subject ? { subject: raw.subject } : {}),
    contentType: raw.body.contentType,
    content: raw.body.content,
    ...(user?.id ? { fromUserId: user.id } : {}),
    ...(name ? { fromName: name } : {}),
    ...(app?.id ? { fromAppId: app.id } : {}),
    ...(raw.replyToId ? { replyToId: raw.replyToId } : {}),
    ...(raw.webUrl ? { webUrl: raw.webUrl } : {}),
    ...(raw.channelIdentity?.teamId ? { teamId: raw.channelIdentity.teamId } : {}),
    ...(raw.channelIdentity?.channelId ? { channelId: raw.channelIdentity.channelId } : {}),
    ...(raw.chatId ? { chatId: raw.chatId } : {}),
    attachments: (raw.attachments ?? []).map((a) => ({
      id: a.id,
      contentType: a.contentType,
      ...(a.name ? { name: a.name } : {}),
    })),
  };
}

export const pageFields = {
  top: Type.Integer({ minimum: 1, maximum: 50, default: 20, description: 'Messages per page, 1–50 (default 20)' }),
  pageToken: Type.Optional(
    Type.String({ minLength: 1, description: 'nextPageToken of the previous page, to read the next one' }),
  ),
};

export const pageOutput = Type.Object({
  messages: Type.Array(messageSchema, { description: 'Messages of this page' }),
  nextPageToken: Type.Optional(
    Type.String({ description: 'Pass as pageToken to read the next page; absent on the last' }),
  ),
});
