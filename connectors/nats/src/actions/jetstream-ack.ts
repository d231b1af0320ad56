import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withNats } from '../client.js';

const REPLIES = { ack: '+ACK', nak: '-NAK', term: '+TERM', inProgress: '+WPI' } as const;

export const jetStreamAck = defineAction({
  auth,
  key: 'jetstream.ack',
  title: 'Acknowledge a stream message',
  description:
    'Acknowledges a message taken with jetstream.fetch (`ack: "manual"`): done (ack), deliver it again (nak, optionally after a delay), never deliver it again (term), or still working on it (inProgress, restarting the ack wait). Waits for the server to confirm.',
  input: Type.Object({
    ackId: Type.String({
      minLength: 1,
      pattern: '^\\$JS\\.ACK\\.\\S+$',
      description: 'The `ackId` of a message from jetstream.fetch',
    }),
    action: Type.Union([Type.Literal('ack'), Type.Literal('nak'), Type.Literal('term'), Type.Literal('inProgress')], {
      default: 'ack',
      description: 'ack: handled; nak: deliver again; term: give up on it; inProgress: extend the time to handle it',
    }),
    delaySeconds: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 86400,
        description: 'With nak: deliver it again only after this many seconds',
      }),
    ),
    reason: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 1000,
        description:
          'With term: why, kept in the server’s advisory (nats-server 2.10 and later; older ones get a plain term)',
      }),
    ),
  }),
  output: Type.Object({
    ackId: Type.String({ description: 'The message acknowledged' }),
    action: Type.Union([Type.Literal('ack'), Type.Literal('nak'), Type.Literal('term'), Type.Literal('inProgress')], {
      description: 'What was sent',
    }),
  }),
  examples: [
    {
      input: { ackId: '$JS.ACK.ORDERS.billing.1.1042.17.1741111200412000000.0', action: 'ack' },
      output: { ackId: '$JS.ACK.ORDERS.billing.1.1042.17.1741111200412000000.0', action: 'ack' },
    },
    {
      title: 'Retry in a minute',
      input: { ackId: '$JS.ACK.ORDERS.billing.1.1042.17.1741111200412000000.0', action: 'nak', delaySeconds: 60 },
      output: { ackId: '$JS.ACK.ORDERS.billing.1.1042.17.1741111200412000000.0', action: 'nak' },
    },
  ],
  async run({ input, auth, ctx }) {
    let body: string = REPLIES[input.action];
    if (input.action === 'nak' && input.delaySeconds !== undefined) {
      body += ` ${JSON.stringify({ delay: Math.round(input.delaySeconds * 1e9) })}`;
    }
    await withNats(auth, ctx, async (nc) => {
      // Servers before 2.10 do not know "+TERM <reason>" and would ignore the whole acknowledgement.
      if (input.action === 'term' && input.reason !== undefined && atLeast(nc.info?.version, 2, 10)) {
        body += ` ${input.reason}`;
      }
      // Sent as a request: the server answers an acknowledgement that has a reply subject, so the
      // step completes only once the server has it (a plain publish could be lost with the socket).
      await nc.request(input.ackId, body, { timeout: 5000 });
    });
    return { ackId: input.ackId, action: input.action };
  },
});

/** Whether a server version such as `2.9.10` is at least major.minor. */
export function atLeast(version: string | undefined, major: number, minor: number): boolean {
  const [a = 0, b = 0] = (version ?? '').split('.').map((part) => Number.parseInt(part, 10));
  return a > major || (a === major && b >= minor);
}
