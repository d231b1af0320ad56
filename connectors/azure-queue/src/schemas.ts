import { Type } from '@mova/sdk';

export const queueField = Type.String({
  minLength: 3,
  maxLength: 63,
  pattern: '^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$',
  description: 'Queue name: 3–63 lowercase letters, digits and single hyphens, e.g. orders-incoming',
});

export const messageEncodingField = Type.Union([Type.Literal('none'), Type.Literal('base64')], {
  default: 'none',
  description:
    '"base64" stores and reads message text base64-encoded, as Azure Functions and WebJobs queue triggers expect by default; "none" keeps it as it is (default)',
});

export const messageIdField = Type.String({
  minLength: 1,
  description: 'Id of the message (messageId from receive or send)',
});
export const popReceiptField = Type.String({
  minLength: 1,
  description: 'Pop receipt from the latest receive or update of the message; it changes each time',
});

export const dateField = (description: string) => Type.String({ format: 'date-time', description });
