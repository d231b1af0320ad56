import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGraph } from '../client.js';
import { chatMessageOf, idField, messageBodyFields, messageOf, messageSchema, type RawMessage } from '../messages.js';

export const sendChannelMessage = defineAction({
  auth,
  key: 'channelMessages.send',
  title: 'Send a channel message',
  description:
    'Posts a new message (a new thread) in a team’s channel as the signed-in user, as text or HTML, with an optional subject, importance and adaptive card. Graph allows this only with delegated permissions (ChannelMessage.Send), not app-only access.',
  input: Type.Object({
    teamId: idField('Team the channel belongs to'),
    channelId: idField('Channel to post in (19:…@thread.tacv2)'),
    ...messageBodyFields,
    subject: Type.Optional(Type.String({ maxLength: 255, description: 'Subject line shown above the post' })),
    importance: Type.Optional(
      Type.Union([Type.Literal('normal'), Type.Literal('high'), Type.Literal('urgent')], {
        description: 'normal (default), high, or urgent',
      }),
    ),
  }),
  output: messageSchema,
  examples: [
    {
      title: 'Build alert with an adaptive card',
      input: {
        teamId: '172b0cce-e65d-44ce-9a49-91d9f2e8493a',
        channelId: '19:561fbdbbfca848a484f0a6f00ce9dbbd@thread.tacv2',
        subject: 'Build 42',
        content: '<b>Build 42 failed</b> on main',
        adaptiveCard: {
          type: 'AdaptiveCard',
          version: '1.4',
          body: [{ type: 'TextBlock', text: 'Unit tests failed', weight: 'Bolder' }],
          actions: [{ type: 'Action.OpenUrl', title: 'Open build', url: 'https://ci.example.com/builds/42' }],
        },
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const message = {
      ...chatMessageOf(input, ctx.actionKey),
      ...(input.subject ? { subject: input.subject } : {}),
      ...(input.importance ? { importance: input.importance } : {}),
    };
    const path = `/teams/${encodeURIComponent(input.teamId)}/channels/${encodeURIComponent(input.channelId)}/messages`;
    const sent: RawMessage = await withGraph(auth, ctx, (graph) => graph.api(path).post(message));
    return messageOf(sent);
  },
});
