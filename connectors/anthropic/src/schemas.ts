import type Anthropic from '@anthropic-ai/sdk';
import { type Static, Type } from '@mova/sdk';

export const modelField = Type.String({
  minLength: 1,
  description: 'Model id, e.g. claude-sonnet-4-5 or claude-haiku-4-5',
});

export const systemField = Type.Optional(
  Type.String({ description: 'System prompt: the role, rules and context for Claude' }),
);

export const messagesField = Type.Array(
  Type.Object({
    role: Type.Union([Type.Literal('user'), Type.Literal('assistant')], { description: 'Who speaks' }),
    content: Type.Union([Type.String(), Type.Array(Type.Record(Type.String(), Type.Unknown()), { minItems: 1 })], {
      description:
        'Text, or content blocks as Anthropic defines them: e.g. the tool_use blocks of an earlier answer, then a user message with tool_result blocks ({ "type": "tool_result", "tool_use_id": "toolu_…", "content": "…" })',
    }),
  }),
  { minItems: 1, description: 'The conversation, oldest first, starting with a user message' },
);

export const toolsField = Type.Optional(
  Type.Array(
    Type.Object({
      name: Type.String({ pattern: '^[a-zA-Z0-9_-]{1,128}$', description: 'Tool name, e.g. get_weather' }),
      description: Type.Optional(
        Type.String({ description: 'What the tool does and when to use it: Claude reads this' }),
      ),
      inputSchema: Type.Record(Type.String(), Type.Unknown(), {
        description:
          'JSON Schema of the tool’s input, an object schema: { "type": "object", "properties": { … }, "required": [ … ] }',
      }),
    }),
    { minItems: 1, description: 'Tools Claude may call; calls come back in toolCalls for the workflow to run' },
  ),
);

type MessageInput = Static<typeof messagesField>;
type ToolsInput = NonNullable<Static<typeof toolsField>>;

/** The conversation as the SDK takes it. Content blocks are Anthropic's own JSON, checked by the API. */
export function messagesOf(messages: MessageInput): Anthropic.MessageParam[] {
  return messages.map((message) => ({
    role: message.role,
    content:
      typeof message.content === 'string'
        ? message.content
        : (message.content as unknown as Anthropic.ContentBlockParam[]),
  }));
}

export function toolsOf(tools: ToolsInput): Anthropic.Tool[] {
  return tools.map((tool) => ({
    name: tool.name,
    ...(tool.description ? { description: tool.description } : {}),
    input_schema: { type: 'object', ...tool.inputSchema },
  }));
}
