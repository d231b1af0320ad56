import { type Static, Type } from '@mova/sdk';
import type { FetchMessageObject, MessageAddressObject, MessageStructureObject, SearchObject } from 'imapflow';

export const mailboxField = (description = 'Mailbox path, e.g. INBOX or Archive/2025 (as mailboxes.list gives it)') =>
  Type.String({ minLength: 1, default: 'INBOX', description });

export const uidsField = Type.Array(Type.Integer({ minimum: 1, description: 'A message UID' }), {
  minItems: 1,
  maxItems: 10_000,
  description: 'UIDs of the messages in the mailbox (from messages.search or the trigger)',
});

export const uidValidityField = Type.Optional(
  Type.Integer({
    minimum: 1,
    description:
      "The mailbox's UIDVALIDITY when the UIDs were read (from search or the trigger); when the mailbox has another now, the step fails as a conflict instead of acting on other messages",
  }),
);

export const flagsField = (description: string) =>
  Type.Array(Type.String({ minLength: 1, pattern: '^\\\\?[^\\s()\\]{%*"\\\\]+$' }), {
    description,
  });

const address = Type.Object({
  name: Type.String({ description: 'Display name, empty when the header has none' }),
  address: Type.String({ description: 'Email address' }),
});
const addresses = (description: string) => Type.Array(address, { description });

/** A message as listings give it: envelope, flags and size, no body. */
export const summarySchema = Type.Object({
  uid: Type.Integer({ description: 'UID of the message in its mailbox (stable while uidValidity is unchanged)' }),
  uidValidity: Type.Integer({ description: "The mailbox's UIDVALIDITY: UIDs are only meaningful together with it" }),
  mailbox: Type.String({ description: 'Mailbox path the message is in' }),
  messageId: Type.String({ description: 'Message-ID header, empty when the message has none' }),
  subject: Type.String({ description: 'Subject, decoded' }),
  from: addresses('From addresses'),
  to: addresses('To addresses'),
  cc: addresses('Cc addresses'),
  replyTo: addresses('Reply-To addresses'),
  inReplyTo: Type.String({ description: 'In-Reply-To header (the Message-ID this answers), empty when none' }),
  date: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'Date header (when it was sent)',
  }),
  receivedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'Internal date: when the server received the message',
  }),
  flags: Type.Array(Type.String(), {
    description: 'Flags, e.g. \\Seen, \\Flagged, \\Answered, or keywords like $Label1',
  }),
  size: Type.Integer({ minimum: 0, description: 'Size of the whole message in bytes (RFC822.SIZE)' }),
  hasAttachments: Type.Boolean({ description: 'Whether the MIME structure holds attachments' }),
});

export type Summary = Static<typeof summarySchema>;

/** What a summary needs fetched. */
export const SUMMARY_QUERY = {
  uid: true,
  envelope: true,
  flags: true,
  size: true,
  internalDate: true,
  bodyStructure: true,
} as const;

export function summaryOf(message: FetchMessageObject, mailbox: string, uidValidity: number): Summary {
  const envelope = message.envelope;
  return {
    uid: message.uid,
    uidValidity,
    mailbox,
    messageId: envelope?.messageId ?? '',
    subject: envelope?.subject ?? '',
    from: addressesOf(envelope?.from),
    to: addressesOf(envelope?.to),
    cc: addressesOf(envelope?.cc),
    replyTo: addressesOf(envelope?.replyTo),
    inReplyTo: envelope?.inReplyTo ?? '',
    date: isoOf(envelope?.date),
    receivedAt: isoOf(message.internalDate),
    flags: flagsOf(message.flags),
    size: message.size ?? 0,
    hasAttachments: message.bodyStructure ? hasAttachments(message.bodyStructure) : false,
  };
}

/**
 * Stored flags, without \\Recent: that one only says which session saw the message first (RFC
 * 3501; IMAP4rev2 dropped it), so it is not something a workflow can set, clear or rely on.
 */
export function flagsOf(flags: Set<string> | undefined): string[] {
  return [...(flags ?? [])].filter((flag) => flag !== '\\Recent');
}

function addressesOf(list: MessageAddressObject[] | undefined) {
  return (list ?? []).map((entry) => ({ name: entry.name ?? '', address: entry.address ?? '' }));
}

function isoOf(date: Date | string | undefined): string | null {
  if (date === undefined) return null;
  const parsed = date instanceof Date ? date : new Date(date);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
}

/** A part is an attachment when its disposition says so, or it is a named non-text leaf. */
export function hasAttachments(node: MessageStructureObject): boolean {
  if (node.childNodes?.length) return node.childNodes.some(hasAttachments);
  if (node.disposition === 'attachment') return true;
  const named = node.dispositionParameters?.filename ?? node.parameters?.name;
  return named !== undefined && !node.type.startsWith('text/') && node.disposition !== 'inline';
}

const date = (description: string) => Type.String({ format: 'date', description });

/** Search criteria: all given ones must match (IMAP SEARCH, RFC 9051 §6.4.4). */
export const criteriaFields = {
  from: Type.Optional(Type.String({ minLength: 1, description: 'From header contains this text' })),
  to: Type.Optional(Type.String({ minLength: 1, description: 'To header contains this text' })),
  cc: Type.Optional(Type.String({ minLength: 1, description: 'Cc header contains this text' })),
  subject: Type.Optional(Type.String({ minLength: 1, description: 'Subject contains this text' })),
  body: Type.Optional(Type.String({ minLength: 1, description: 'Body contains this text' })),
  text: Type.Optional(Type.String({ minLength: 1, description: 'Headers or body contain this text' })),
  since: Type.Optional(date('Received on or after this day, e.g. 2025-03-01 (IMAP compares whole days)')),
  before: Type.Optional(date('Received before this day, e.g. 2025-04-01')),
  unseen: Type.Optional(Type.Boolean({ description: 'true: only unread messages; false: only read ones' })),
  flagged: Type.Optional(
    Type.Boolean({ description: 'true: only flagged (starred) messages; false: only unflagged ones' }),
  ),
  answered: Type.Optional(Type.Boolean({ description: 'true: only answered messages; false: only unanswered ones' })),
  larger: Type.Optional(Type.Integer({ minimum: 0, description: 'Larger than this many bytes' })),
  smaller: Type.Optional(Type.Integer({ minimum: 1, description: 'Smaller than this many bytes' })),
  header: Type.Optional(
    Type.Record(Type.String({ minLength: 1 }), Type.String(), {
      description:
        'Headers that must contain these values, e.g. {"X-Order": "7"}; an empty value matches any message with the header',
    }),
  ),
};

const criteriaObject = Type.Object(criteriaFields);
export type Criteria = Static<typeof criteriaObject>;

/** imapflow's search object for the criteria; no criterion means every message. */
export function searchOf(criteria: Criteria): SearchObject {
  const search: SearchObject = {};
  if (criteria.from !== undefined) search.from = criteria.from;
  if (criteria.to !== undefined) search.to = criteria.to;
  if (criteria.cc !== undefined) search.cc = criteria.cc;
  if (criteria.subject !== undefined) search.subject = criteria.subject;
  if (criteria.body !== undefined) search.body = criteria.body;
  if (criteria.text !== undefined) search.text = criteria.text;
  if (criteria.since !== undefined) search.since = criteria.since;
  if (criteria.before !== undefined) search.before = criteria.before;
  if (criteria.unseen !== undefined) search.seen = !criteria.unseen;
  if (criteria.flagged !== undefined) search.flagged = criteria.flagged;
  if (criteria.answered !== undefined) search.answered = criteria.answered;
  if (criteria.larger !== undefined) search.larger = criteria.larger;
  if (criteria.smaller !== undefined) search.smaller = criteria.smaller;
  if (criteria.header !== undefined) search.header = criteria.header;
  if (Object.keys(search).length === 0) search.all = true;
  return search;
}
