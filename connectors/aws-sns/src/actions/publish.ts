import { PublishCommand } from '@aws-sdk/client-sns';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSns } from '../client.js';
import { invalidInput } from '../errors.js';

export const publish = defineAction({
  auth,
  key: 'messages.publish',
  title: 'Publish a message',
  description:
    'Publishes a message (Publish) to a topic, so every subscription gets it, or straight to a phone number as an SMS or to a mobile endpoint; FIFO topics take a message group and deduplication id.',
  input: Type.Object({
    topicArn: Type.Optional(
      Type.String({
        pattern: '^arn:aws[a-z-]*:sns:',
        description:
          'Topic to publish to, e.g. arn:aws:sns:us-east-1:123456789012:orders (give one of topicArn, targetArn, phoneNumber)',
      }),
    ),
    targetArn: Type.Optional(
      Type.String({
        pattern: '^arn:aws[a-z-]*:sns:',
        description: 'A mobile platform endpoint ARN to publish to directly',
      }),
    ),
    phoneNumber: Type.Optional(
      Type.String({
        pattern: '^\\+[1-9][0-9]{4,14}$',
        description: 'Phone number in E.164 format to send an SMS to, e.g. +14155550100',
      }),
    ),
    message: Type.String({
      minLength: 1,
      description:
        'The message text (up to 256 KiB); with messageStructure "json", a JSON object with a message per protocol and a "default"',
    }),
    subject: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'Subject line for email subscriptions (and the Subject field other protocols get)',
      }),
    ),
    messageStructure: Type.Optional(
      Type.Literal('json', {
        description: '"json" to send a different message per protocol (message is then a JSON object)',
      }),
    ),
    messageAttributes: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,256}$' }), Type.Union([Type.String(), Type.Number()]), {
        maxProperties: 10,
        description:
          'Message attributes, for subscription filter policies: strings as String, numbers as Number, e.g. { "eventType": "order.paid" }',
      }),
    ),
    messageGroupId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 128, description: 'FIFO topics: the message group, delivered in order' }),
    ),
    messageDeduplicationId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 128,
        description: 'FIFO topics: messages with the same id within 5 minutes are published once',
      }),
    ),
  }),
  output: Type.Object({
    messageId: Type.String({ description: 'Message ID SNS assigned' }),
    sequenceNumber: Type.Optional(Type.String({ description: 'FIFO topics: the message sequence number' })),
  }),
  examples: [
    {
      title: 'Announce a paid order',
      input: {
        topicArn: 'arn:aws:sns:us-east-1:123456789012:orders',
        subject: 'Order 1001 paid',
        message: '{"orderId":1001,"status":"paid"}',
        messageAttributes: { eventType: 'order.paid' },
      },
    },
    { title: 'Send an SMS', input: { phoneNumber: '+14155550100', message: 'Your order 1001 has shipped.' } },
  ],
  async run({ input, auth, ctx }) {
    const targets = [input.topicArn, input.targetArn, input.phoneNumber].filter((target) => target !== undefined);
    if (targets.length !== 1) {
      throw invalidInput('give exactly one of topicArn, targetArn and phoneNumber', ctx.actionKey);
    }
    if (input.messageStructure === 'json' && !isJsonObject(input.message)) {
      throw invalidInput(
        'with messageStructure "json", message must be a JSON object with a "default" key',
        ctx.actionKey,
      );
    }
    const published = await withSns(auth, ctx, (client, options) =>
      client.send(
        new PublishCommand({
          TopicArn: input.topicArn,
          TargetArn: input.targetArn,
          PhoneNumber: input.phoneNumber,
          Message: input.message,
          Subject: input.subject,
          MessageStructure: input.messageStructure,
          MessageAttributes: input.messageAttributes
            ? Object.fromEntries(
                Object.entries(input.messageAttributes).map(([name, value]) => [
                  name,
                  typeof value === 'number'
                    ? { DataType: 'Number', StringValue: String(value) }
                    : { DataType: 'String', StringValue: value },
                ]),
              )
            : undefined,
          MessageGroupId: input.messageGroupId,
          MessageDeduplicationId: input.messageDeduplicationId,
        }),
        options,
      ),
    );
    return {
      messageId: published.MessageId ?? '',
      ...(published.SequenceNumber ? { sequenceNumber: published.SequenceNumber } : {}),
    };
  },
});

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) && 'default' in value;
  } catch {
    return false;
  }
}
