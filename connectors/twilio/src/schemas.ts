import { type Static, Type } from '@mova/sdk';
import type { CallInstance } from 'twilio/lib/rest/api/v2010/account/call.js';
import type { MessageInstance } from 'twilio/lib/rest/api/v2010/account/message.js';

const nullableDate = (description: string) =>
  Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description });
const nullableString = (description: string) => Type.Union([Type.String(), Type.Null()], { description });

export const messageSchema = Type.Object({
  sid: Type.String({ description: 'Message SID (SM… for SMS, MM… for MMS)' }),
  accountSid: Type.String({ description: 'Account that sent or received it' }),
  from: Type.String({
    description: 'Sender: a phone number in E.164 form, a short code, an alphanumeric sender ID, or whatsapp:+…',
  }),
  to: Type.String({ description: 'Recipient, same forms as from' }),
  body: Type.String({ description: 'Text of the message' }),
  status: Type.String({
    description:
      'queued, sending, sent, delivered, undelivered, failed, receiving, received, accepted, scheduled, read, partially_delivered or canceled',
  }),
  direction: Type.String({ description: 'inbound, outbound-api, outbound-call or outbound-reply' }),
  numSegments: Type.Integer({ description: 'SMS segments it took (billing unit)' }),
  numMedia: Type.Integer({ description: 'Media files attached (MMS, WhatsApp)' }),
  price: nullableString('Price charged, negative, in priceUnit; null until Twilio knows it'),
  priceUnit: nullableString('Currency of price, e.g. USD'),
  errorCode: Type.Union([Type.Integer(), Type.Null()], {
    description: 'Twilio error code when delivery failed, e.g. 30003',
  }),
  errorMessage: nullableString('What the error code means, when there is one'),
  messagingServiceSid: nullableString('Messaging Service (MG…) it went through, if any'),
  dateCreated: nullableDate('When the message resource was created'),
  dateSent: nullableDate('When it was sent (or received)'),
  dateUpdated: nullableDate('When its status last changed'),
});
export type TwilioMessage = Static<typeof messageSchema>;

export function messageOf(message: MessageInstance): TwilioMessage {
  return {
    sid: message.sid,
    accountSid: message.accountSid,
    from: message.from ?? '',
    to: message.to ?? '',
    body: message.body ?? '',
    status: message.status,
    direction: message.direction,
    numSegments: integerOf(message.numSegments),
    numMedia: integerOf(message.numMedia),
    price: message.price ?? null,
    priceUnit: message.priceUnit ?? null,
    errorCode: message.errorCode ?? null,
    errorMessage: message.errorMessage ?? null,
    messagingServiceSid: message.messagingServiceSid ?? null,
    dateCreated: isoOf(message.dateCreated),
    dateSent: isoOf(message.dateSent),
    dateUpdated: isoOf(message.dateUpdated),
  };
}

export const callSchema = Type.Object({
  sid: Type.String({ description: 'Call SID (CA…)' }),
  accountSid: Type.String({ description: 'Account the call belongs to' }),
  from: Type.String({ description: 'Caller: a phone number, a client:identity or a SIP address' }),
  to: Type.String({ description: 'Called party, same forms as from' }),
  status: Type.String({ description: 'queued, ringing, in-progress, canceled, completed, failed, busy or no-answer' }),
  direction: Type.String({ description: 'inbound, outbound-api or outbound-dial' }),
  duration: Type.Union([Type.Integer(), Type.Null()], { description: 'Length in seconds once completed, else null' }),
  answeredBy: nullableString('human, machine_start, fax… when answering machine detection ran'),
  parentCallSid: nullableString('Call that created this one (a <Dial> leg), if any'),
  price: nullableString('Price charged, negative, in priceUnit; null until Twilio knows it'),
  priceUnit: nullableString('Currency of price, e.g. USD'),
  startTime: nullableDate('When it was answered or started'),
  endTime: nullableDate('When it ended'),
  dateCreated: nullableDate('When the call resource was created'),
});
export type TwilioCall = Static<typeof callSchema>;

export function callOf(call: CallInstance): TwilioCall {
  return {
    sid: call.sid,
    accountSid: call.accountSid,
    from: call.from ?? '',
    to: call.to ?? '',
    status: call.status,
    direction: call.direction ?? '',
    duration: call.duration ? integerOf(call.duration) : null,
    answeredBy: call.answeredBy ?? null,
    parentCallSid: call.parentCallSid ?? null,
    price: call.price ?? null,
    priceUnit: call.priceUnit ?? null,
    startTime: isoOf(call.startTime),
    endTime: isoOf(call.endTime),
    dateCreated: isoOf(call.dateCreated),
  };
}

export const pageSizeField = Type.Integer({
  minimum: 1,
  maximum: 1000,
  default: 50,
  description: 'Items per page, newest first (default 50, at most 1000)',
});
export const pageField = Type.Optional(
  Type.String({ minLength: 1, description: 'nextPage of the previous answer, to read the page after it' }),
);
export const nextPageField = Type.Union([Type.String(), Type.Null()], {
  description: 'Give it as page for the next page; null on the last page',
});

/** The path and query of an absolute next-page URL, or null. */
export function nextPageOf(url: string | undefined): string | null {
  if (!url) return null;
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

function integerOf(value: string | number | null | undefined): number {
  const parsed = typeof value === 'number' ? value : Number.parseInt(value ?? '0', 10);
  return Number.isNaN(parsed) ? 0 : parsed;
}

function isoOf(date: Date | null | undefined): string | null {
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

/** E.164, a short code, or a channel address like whatsapp:+14155550100. */
export const addressField = (description: string) => Type.String({ minLength: 2, maxLength: 100, description });
