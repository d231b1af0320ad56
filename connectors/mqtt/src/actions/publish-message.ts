import { defineAction } from '@mova/sdk';
import { auth } from '../auth.js';
import { withMqtt } from '../client.js';
import { OutgoingMessage, PublishResult, publishOne } from '../publish.js';

export const publishMessage = defineAction({
  auth,
  key: 'publish',
  title: 'Publish a message',
  description:
    'Publishes one message to a topic with QoS 0, 1 or 2, optionally retained as the topic’s last known value. With QoS 1 and 2 the step completes once the broker has acknowledged it.',
  input: OutgoingMessage,
  output: PublishResult,
  examples: [
    {
      title: 'A JSON command, acknowledged by the broker',
      input: { topic: 'devices/42/commands', payload: { action: 'reboot' }, qos: 1 },
      output: {
        topic: 'devices/42/commands',
        qos: 1,
        retain: false,
        bytes: 19,
        acknowledged: true,
        matchedSubscribers: true,
      },
    },
    {
      title: 'A retained status, sent exactly once',
      input: { topic: 'devices/42/status', payload: 'online', qos: 2, retain: true },
      output: {
        topic: 'devices/42/status',
        qos: 2,
        retain: true,
        bytes: 6,
        acknowledged: true,
        matchedSubscribers: false,
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withMqtt(auth, ctx, (session) => publishOne(session, input, ctx.actionKey));
  },
});
