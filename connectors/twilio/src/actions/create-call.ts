import { ConnectorError, defineAction, Type } from '@mova/sdk';
import type { CallListInstanceCreateOptions } from 'twilio/lib/rest/api/v2010/account/call.js';
import { auth } from '../auth.js';
import { withTwilio } from '../client.js';
import { addressField, callOf, callSchema } from '../schemas.js';

export const createCall = defineAction({
  auth,
  key: 'calls.create',
  title: 'Make a phone call',
  description:
    'Places an outbound call with the Voice API; when it is answered Twilio runs the TwiML given inline (twiml, e.g. <Say>) or fetched from url. Twilio queues the call and gives its SID and status.',
  input: Type.Object({
    to: addressField('Number to call in E.164 form, e.g. +14155550100 (or client:name, sip:…)'),
    from: addressField('Your Twilio number (or a verified caller ID) to call from'),
    twiml: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 4000,
        description: 'TwiML to run, e.g. <Response><Say>Hello</Say></Response> (give this or url)',
      }),
    ),
    url: Type.Optional(
      Type.String({ format: 'uri', description: 'URL that returns the TwiML to run (give this or twiml)' }),
    ),
    statusCallback: Type.Optional(Type.String({ format: 'uri', description: 'URL Twilio posts call progress to' })),
    statusCallbackEvents: Type.Optional(
      Type.Array(
        Type.Union([
          Type.Literal('initiated'),
          Type.Literal('ringing'),
          Type.Literal('answered'),
          Type.Literal('completed'),
        ]),
        { description: 'Progress events to post to statusCallback (default completed)' },
      ),
    ),
    timeout: Type.Optional(
      Type.Integer({ minimum: 5, maximum: 600, description: 'Seconds to let it ring (default 60)' }),
    ),
    record: Type.Optional(Type.Boolean({ description: 'Record the call' })),
    machineDetection: Type.Optional(
      Type.Union([Type.Literal('Enable'), Type.Literal('DetectMessageEnd')], {
        description: 'Answering machine detection: Enable, or DetectMessageEnd to wait for the beep',
      }),
    ),
  }),
  output: callSchema,
  examples: [
    {
      title: 'Read out an alert',
      input: {
        to: '+14155550100',
        from: '+15017122661',
        twiml: '<Response><Say>Disk on db-1 is 91 percent full.</Say></Response>',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    if ((input.twiml === undefined) === (input.url === undefined)) {
      throw new ConnectorError(
        'a call needs exactly one of twiml and url',
        { kind: 'invalid_input', actionKey: ctx.actionKey },
        'Give inline TwiML or a URL that returns it.',
      );
    }
    const params: CallListInstanceCreateOptions = { to: input.to, from: input.from };
    if (input.twiml !== undefined) params.twiml = input.twiml;
    if (input.url !== undefined) params.url = input.url;
    if (input.statusCallback) params.statusCallback = input.statusCallback;
    if (input.statusCallbackEvents?.length) params.statusCallbackEvent = input.statusCallbackEvents;
    if (input.timeout !== undefined) params.timeout = input.timeout;
    if (input.record !== undefined) params.record = input.record;
    if (input.machineDetection) params.machineDetection = input.machineDetection;
    return callOf(await withTwilio(auth, ctx, (client) => client.calls.create(params)));
  },
});
