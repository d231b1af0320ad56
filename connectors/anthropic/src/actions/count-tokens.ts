import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withAnthropic } from '../client.js';
import { messagesField, messagesOf, modelField, systemField, toolsField, toolsOf } from '../schemas.js';

export const countTokens = defineAction({
  auth,
  key: 'messages.countTokens',
  title: 'Count tokens',
  description:
    'Counts the input tokens a conversation (with its system prompt and tools) would use with a model, before sending it: to check it fits the context window or to estimate cost. Free, and rate limited separately from messages.',
  input: Type.Object({ model: modelField, system: systemField, messages: messagesField, tools: toolsField }),
  output: Type.Object({ inputTokens: Type.Integer({ description: 'Input tokens the conversation would use' }) }),
  examples: [
    {
      input: {
        model: 'claude-sonnet-4-5',
        system: 'You are a support agent.',
        messages: [{ role: 'user', content: 'My order 6735 has not arrived.' }],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const count = await withAnthropic(auth, ctx, (anthropic) =>
      anthropic.messages.countTokens({
        model: input.model,
        messages: messagesOf(input.messages),
        ...(input.system ? { system: input.system } : {}),
        ...(input.tools ? { tools: toolsOf(input.tools) } : {}),
      }),
    );
    return { inputTokens: count.input_tokens };
  },
});
