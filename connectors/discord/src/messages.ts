import { type Static, Type } from '@mova/sdk';

/** Discord ids are snowflakes: 64-bit integers written as strings. */
export const snowflake = (description: string) => Type.String({ pattern: '^[0-9]{15,21}$', description });

const urlField = (description: string) => Type.String({ minLength: 1, description });

/** The embed object (https://discord.com/developers/docs/resources/message#embed-object), as Discord spells it. */
export const embedSchema = Type.Object(
  {
    title: Type.Optional(Type.String({ maxLength: 256, description: 'Title of the embed' })),
    description: Type.Optional(Type.String({ maxLength: 4096, description: 'Text of the embed (markdown)' })),
    url: Type.Optional(urlField('Link the title opens')),
    color: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 0xffffff, description: 'Colour of the side bar, as an RGB integer' }),
    ),
    timestamp: Type.Optional(Type.String({ format: 'date-time', description: 'ISO 8601 time shown in the footer' })),
    footer: Type.Optional(
      Type.Object(
        {
          text: Type.String({ minLength: 1, maxLength: 2048, description: 'Footer text' }),
          icon_url: Type.Optional(urlField('Footer icon URL')),
        },
        { description: 'Footer line' },
      ),
    ),
    image: Type.Optional(Type.Object({ url: urlField('Image URL') }, { description: 'Large image' })),
    thumbnail: Type.Optional(
      Type.Object({ url: urlField('Thumbnail URL') }, { description: 'Small image at the top right' }),
    ),
    author: Type.Optional(
      Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 256, description: 'Author name' }),
          url: Type.Optional(urlField('Link the author name opens')),
          icon_url: Type.Optional(urlField('Author icon URL')),
        },
        { description: 'Author line above the title' },
      ),
    ),
    fields: Type.Optional(
      Type.Array(
        Type.Object({
          name: Type.String({ minLength: 1, maxLength: 256, description: 'Field name' }),
          value: Type.String({ minLength: 1, maxLength: 1024, description: 'Field value' }),
          inline: Type.Optional(Type.Boolean({ description: 'Show beside other inline fields' })),
        }),
        { maxItems: 25, description: 'Name/value fields, at most 25' },
      ),
    ),
  },
  { description: 'A rich embed' },
);

export const embedsField = Type.Optional(
  Type.Array(embedSchema, { maxItems: 10, description: 'Rich embeds, at most 10 (Discord’s embed object)' }),
);

export const allowedMentionsField = Type.Optional(
  Type.Array(Type.Union([Type.Literal('users'), Type.Literal('roles'), Type.Literal('everyone')]), {
    uniqueItems: true,
    description:
      'Mention kinds that may ping: users, roles, everyone (@everyone/@here). Default: whatever the content mentions; [] pings nobody',
  }),
);

/** `allowed_mentions` for the mention kinds a step allows, or nothing to keep Discord's default. */
export function allowedMentions(parse: string[] | undefined): { parse: string[] } | undefined {
  return parse === undefined ? undefined : { parse };
}

export const messageSchema = Type.Object({
  id: Type.String({ description: 'Message id' }),
  channelId: Type.String({ description: 'Channel the message is in' }),
  content: Type.String({ description: 'Text of the message' }),
  authorId: Type.String({ description: 'User id of the author (the webhook’s id for webhook messages)' }),
  authorName: Type.String({ description: 'User name of the author' }),
  timestamp: Type.String({ description: 'When the message was sent (ISO 8601)' }),
  editedTimestamp: Type.Optional(Type.String({ description: 'When the message was last edited (ISO 8601)' })),
  embeds: Type.Array(Type.Unknown(), { description: 'Embeds of the message, as Discord returns them' }),
  webhookId: Type.Optional(Type.String({ description: 'Webhook that sent the message, if one did' })),
  referencedMessageId: Type.Optional(Type.String({ description: 'Message this one replies to' })),
});

export type Message = Static<typeof messageSchema>;

/** The message object (https://discord.com/developers/docs/resources/message#message-object) fields Discord returns. */
export interface RawMessage {
  id: string;
  channel_id: string;
  content: string;
  author: { id: string; username: string };
  timestamp: string;
  edited_timestamp: string | null;
  embeds: unknown[];
  webhook_id?: string;
  message_reference?: { message_id?: string };
}

export function messageOf(raw: RawMessage): Message {
  return {
    id: raw.id,
    channelId: raw.channel_id,
    content: raw.content,
    authorId: raw.author.id,
    authorName: raw.author.username,
    timestamp: raw.timestamp,
    ...(raw.edited_timestamp ? { editedTimestamp: raw.edited_timestamp } : {}),
    embeds: raw.embeds ?? [],
    ...(raw.webhook_id ? { webhookId: raw.webhook_id } : {}),
    ...(raw.message_reference?.message_id ? { referencedMessageId: raw.message_reference.message_id } : {}),
  };
}
