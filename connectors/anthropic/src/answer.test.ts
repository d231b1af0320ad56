import type Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { answerOf } from './answer.js';

const message = (content: unknown[], stopReason: string): Anthropic.Message =>
  ({
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5-20250929',
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: null, cache_read_input_tokens: 3 },
  }) as unknown as Anthropic.Message;

describe('answerOf', () => {
  it('joins text blocks and lists tool_use blocks as tool calls', () => {
    const answer = answerOf(
      message(
        [
          { type: 'text', text: 'Let me check. ' },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
        ],
        'tool_use',
      ),
      false,
      'messages.create',
    );
    expect(answer).toMatchObject({
      text: 'Let me check. ',
      toolCalls: [{ id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }],
      parsed: null,
      usage: { inputTokens: 10, outputTokens: 5, cacheCreationInputTokens: 0, cacheReadInputTokens: 3 },
    });
  });

  it('parses structured output, refuses JSON cut at max_tokens, and leaves a refusal unparsed', () => {
    expect(answerOf(message([{ type: 'text', text: '{"a":1}' }], 'end_turn'), true, undefined).parsed).toEqual({
      a: 1,
    });
    expect(() => answerOf(message([{ type: 'text', text: '{"a":' }], 'max_tokens'), true, undefined)).toThrow(
      expect.objectContaining({ kind: 'invalid_input' }),
    );
    expect(() => answerOf(message([{ type: 'text', text: 'Sure!' }], 'end_turn'), true, undefined)).toThrow(
      expect.objectContaining({ kind: 'unknown' }),
    );
    expect(
      answerOf(message([{ type: 'text', text: 'I can’t help with that.' }], 'refusal'), true, undefined).parsed,
    ).toBeNull();
  });
});
