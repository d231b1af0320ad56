import type Anthropic from '@anthropic-ai/sdk';
import { ConnectorError, type Static, Type } from '@mova/sdk';

const usageSchema = Type.Object(
  {
    inputTokens: Type.Integer({ description: 'Input tokens billed at the normal rate' }),
    outputTokens: Type.Integer({ description: 'Tokens generated' }),
    cacheCreationInputTokens: Type.Integer({ description: 'Input tokens written to the prompt cache' }),
    cacheReadInputTokens: Type.Integer({ description: 'Input tokens read from the prompt cache' }),
  },
  { description: 'Token usage of the call' },
);

export const answerSchema = Type.Object({
  id: Type.String({ description: 'Message id (msg_…)' }),
  model: Type.String({ description: 'Model that answered' }),
  stopReason: Type.Union([Type.String(), Type.Null()], {
    description: 'end_turn, max_tokens, stop_sequence, tool_use (run toolCalls and send the results back) or refusal',
  }),
  text: Type.String({ description: 'The text blocks of the answer, joined' }),
  toolCalls: Type.Array(
    Type.Object({
      id: Type.String({ description: 'Tool use id (toolu_…), for the tool_result sent back' }),
      name: Type.String({ description: 'Tool to call' }),
      input: Type.Unknown({ description: 'Input for the tool, following its inputSchema' }),
    }),
    { description: 'The tool_use blocks of the answer' },
  ),
  parsed: Type.Unknown({ description: 'With jsonSchema: the answer parsed as JSON; null otherwise' }),
  content: Type.Array(Type.Record(Type.String(), Type.Unknown()), {
    description: 'All content blocks as Anthropic gave them, to send back as the assistant message',
  }),
  usage: usageSchema,
});

/** A Message as actions give it; with `structured`, the text parsed as the JSON its schema asked for. */
export function answerOf(
  message: Anthropic.Message,
  structured: boolean,
  actionKey: string | undefined,
): Static<typeof answerSchema> {
  const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
  return {
    id: message.id,
    model: message.model,
    stopReason: message.stop_reason,
    text,
    toolCalls: message.content.flatMap((block) =>
      block.type === 'tool_use' ? [{ id: block.id, name: block.name, input: block.input }] : [],
    ),
    parsed: structured && message.stop_reason !== 'refusal' ? parsedOf(text, message.stop_reason, actionKey) : null,
    content: message.content.map((block) => ({ ...block })),
    usage: {
      inputTokens: message.usage.input_tokens,
      outputTokens: message.usage.output_tokens,
      cacheCreationInputTokens: message.usage.cache_creation_input_tokens ?? 0,
      cacheReadInputTokens: message.usage.cache_read_input_tokens ?? 0,
    },
  };
}

function parsedOf(text: string, stopReason: string | null, actionKey: string | undefined): unknown {
  if (stopReason === 'max_tokens') {
    throw new ConnectorError(
      'the answer was cut at maxTokens before its JSON was complete',
      { kind: 'invalid_input', actionKey },
      'Raise maxTokens, or ask for less.',
    );
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ConnectorError('Claude’s answer is not the JSON its schema asked for', {
      kind: 'unknown',
      actionKey,
      cause,
    });
  }
}
