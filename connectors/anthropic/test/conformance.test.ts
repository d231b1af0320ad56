import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AnthropicReference, API_KEY, startAnthropic, VERSIONS } from './anthropic-api.js';

// Every action through the sandbox users run it in, against the loopback Anthropic API of
// anthropic-api.ts (its header names the platform.claude.com pages each route follows). It is reached
// the way an LLM gateway in front of api.anthropic.com is: through the connection's apiUrl
// (network.connectionHosts), not a test-only allowance.
let anthropic: AnthropicReference;
let connector: ConnectorUnderTest;
let auth: { apiKey: string; apiUrl: string };

beforeAll(async () => {
  anthropic = await startAnthropic();
  connector = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { apiKey: API_KEY, apiUrl: anthropic.url };
});
afterAll(async () => {
  await connector?.close();
  await anthropic?.close();
});
beforeEach(() => {
  anthropic.requests.length = 0;
});

type Out = Record<string, unknown>;
const { run, call: fail } = actionCalls({ connector: () => connector, auth: () => auth });
const last = () => anthropic.requests.at(-1);

const WEATHER = {
  name: 'get_weather',
  description: 'Current weather for a city',
  inputSchema: {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
    required: ['city'],
  },
};
const question = [{ role: 'user', content: 'What is the weather in Paris?' }];

describe('messages', () => {
  it('answers with text and usage, sending the key and the API version', async () => {
    const output = await run('messages.create', {
      model: 'claude-haiku-4-5',
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Hello Claude' }],
      maxTokens: 64,
      temperature: 0.3,
    });
    expect(output).toEqual({
      id: expect.stringMatching(/^msg_/),
      model: 'claude-haiku-4-5-20251001',
      stopReason: 'end_turn',
      text: 'Echo: Hello Claude',
      toolCalls: [],
      parsed: null,
      content: [{ type: 'text', text: 'Echo: Hello Claude' }],
      usage: { inputTokens: 8, outputTokens: 4, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 },
    });
    const request = last();
    expect(request?.headers['x-api-key']).toBe(API_KEY);
    expect(request?.headers.authorization).toBeUndefined();
    expect(VERSIONS).toContain(request?.headers['anthropic-version']);
    expect(request?.body).toEqual({
      model: 'claude-haiku-4-5',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Hello Claude' }],
      system: 'Be brief.',
      temperature: 0.3,
    });
  });

  it('returns tool_use blocks as tool calls, takes the tool result back, and streams the same', async () => {
    const asked = await run('messages.create', {
      model: 'claude-sonnet-4-5',
      messages: question,
      tools: [WEATHER],
      toolChoice: { name: 'get_weather' },
    });
    expect(asked).toMatchObject({
      stopReason: 'tool_use',
      toolCalls: [
        { id: expect.stringMatching(/^toolu_/), name: 'get_weather', input: { city: 'Paris', unit: 'celsius' } },
      ],
    });
    expect(last()?.body).toMatchObject({
      tools: [{ name: 'get_weather', description: WEATHER.description, input_schema: WEATHER.inputSchema }],
      tool_choice: { type: 'tool', name: 'get_weather' },
    });

    const [call] = asked.toolCalls as { id: string }[];
    const followUp = [
      ...question,
      { role: 'assistant', content: asked.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: call?.id, content: '18°C and sunny' }] },
    ];
    const answered = await run('messages.create', { model: 'claude-sonnet-4-5', messages: followUp, tools: [WEATHER] });
    expect(answered).toMatchObject({
      stopReason: 'end_turn',
      text: 'Based on the tool result: 18°C and sunny',
      toolCalls: [],
    });

    const streamed = await run('messages.create', {
      model: 'claude-sonnet-4-5',
      messages: question,
      tools: [WEATHER],
      stream: true,
    });
    expect(last()?.body).toMatchObject({ stream: true });
    expect(streamed).toMatchObject({
      stopReason: 'tool_use',
      text: "I'll use get_weather.",
      toolCalls: [{ name: 'get_weather', input: { city: 'Paris', unit: 'celsius' } }],
      usage: { outputTokens: expect.any(Number) },
    });

    const orphan = await fail('messages.create', {
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_nope', content: 'x' }] }],
    });
    expect(orphan).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('unexpected `tool_use_id`') },
    });
  });

  it('gives structured output parsed, whole and streamed, and refuses an open schema', async () => {
    const schema = {
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'integer' } },
      required: ['city', 'days'],
      additionalProperties: false,
    };
    const input = {
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'Plan a trip to Lisbon' }],
      jsonSchema: schema,
    };
    const whole = await run('messages.create', input);
    expect(whole).toMatchObject({ parsed: { city: 'Lisbon', days: 1 }, stopReason: 'end_turn' });
    expect(last()?.body).toMatchObject({ output_config: { format: { type: 'json_schema', schema } } });
    const streamed = await run('messages.create', { ...input, stream: true });
    expect(streamed).toEqual({ ...whole, id: expect.stringMatching(/^msg_/) });
    const open = await fail('messages.create', {
      ...input,
      jsonSchema: { type: 'object', properties: { a: { type: 'string' } } },
    });
    expect(open).toMatchObject({
      status: 'failed',
      error: {
        kind: 'invalid_input',
        message: expect.stringContaining("'additionalProperties' must be explicitly set to false"),
      },
    });
    const cut = await fail('messages.create', { ...input, maxTokens: 3 });
    expect(cut).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('cut at maxTokens') },
    });
  });

  it('maps a wrong key, an unknown model, rate limits and an overloaded API', async () => {
    const input = { model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'x' }] };
    expect(await fail('messages.create', input, { ...auth, apiKey: 'sk-ant-wrong' })).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', message: expect.stringContaining('authentication_error') },
    });
    expect(await fail('messages.create', { ...input, model: 'claude-9' })).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found' },
    });
    anthropic.answerNext('POST', '/v1/messages', {
      status: 429,
      headers: { 'retry-after': '11', 'anthropic-ratelimit-tokens-remaining': '0' },
      body: {
        type: 'error',
        error: {
          type: 'rate_limit_error',
          message: 'Number of request tokens has exceeded your per-minute rate limit',
        },
      },
    });
    const limited = await fail('messages.create', input);
    expect(limited).toMatchObject({
      status: 'failed',
      error: { kind: 'rate_limit', message: expect.stringContaining('per-minute rate limit') },
    });
    expect(JSON.stringify(limited.error)).toContain('11');
    anthropic.answerNext('POST', '/v1/messages', {
      status: 529,
      body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    });
    expect(await fail('messages.create', input)).toMatchObject({
      status: 'failed',
      error: { kind: 'rate_limit', message: expect.stringContaining('overloaded_error') },
    });
  });
});

describe('token counting and models', () => {
  it('counts the tokens messages.create then bills as input', async () => {
    const input = {
      model: 'claude-sonnet-4-5',
      system: 'You are a support agent.',
      messages: question,
      tools: [WEATHER],
    };
    const counted = await run('messages.countTokens', input);
    expect(last()).toMatchObject({ method: 'POST', path: '/v1/messages/count_tokens' });
    expect(last()?.body).not.toHaveProperty('max_tokens');
    const sent = await run('messages.create', { ...input, toolChoice: 'none' });
    expect(counted).toEqual({ inputTokens: (sent.usage as Out).inputTokens });
  });

  it('lists models page by page', async () => {
    const first = await run('models.list', { limit: 2 });
    expect(first).toEqual({
      models: [
        { id: 'claude-haiku-4-5-20251001', displayName: 'Claude Haiku 4.5', createdAt: '2025-10-01T00:00:00Z' },
        { id: 'claude-sonnet-4-5-20250929', displayName: 'Claude Sonnet 4.5', createdAt: '2025-09-29T00:00:00Z' },
      ],
      hasMore: true,
      lastId: 'claude-sonnet-4-5-20250929',
    });
    const rest = await run('models.list', { limit: 2, afterId: first.lastId });
    expect(rest).toMatchObject({ models: [{ id: 'claude-opus-4-1-20250805' }], hasMore: false });
    expect(last()?.query.get('after_id')).toBe('claude-sonnet-4-5-20250929');
  });
});

describe('message batches', () => {
  it('creates a batch, refuses results before it ends, then reads answers and errors by custom id', async () => {
    const schema = {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    };
    const created = await run('batches.create', {
      requests: [
        {
          customId: 'a',
          model: 'claude-haiku-4-5',
          messages: [{ role: 'user', content: 'Weather in Rome' }],
          jsonSchema: schema,
        },
        { customId: 'b', model: 'claude-nope', messages: [{ role: 'user', content: 'x' }] },
      ],
    });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^msgbatch_/),
      processingStatus: 'in_progress',
      requestCounts: { processing: 2 },
      resultsReady: false,
    });
    expect(last()?.body).toEqual({
      requests: [
        {
          custom_id: 'a',
          params: {
            model: 'claude-haiku-4-5',
            max_tokens: 1024,
            messages: [{ role: 'user', content: 'Weather in Rome' }],
            output_config: { format: { type: 'json_schema', schema } },
          },
        },
        {
          custom_id: 'b',
          params: { model: 'claude-nope', max_tokens: 1024, messages: [{ role: 'user', content: 'x' }] },
        },
      ],
    });
    const early = await fail('batches.results', { id: created.id });
    expect(early).toMatchObject({
      status: 'failed',
      error: { kind: 'conflict', message: expect.stringContaining('in_progress') },
    });

    anthropic.endBatches();
    expect(await run('batches.get', { id: created.id })).toMatchObject({
      processingStatus: 'ended',
      requestCounts: { processing: 0, succeeded: 1, errored: 1 },
      resultsReady: true,
      endedAt: expect.any(String),
    });
    const results = await run('batches.results', { id: created.id, parseJson: true });
    expect(results).toEqual({
      results: [
        {
          customId: 'a',
          type: 'succeeded',
          answer: expect.objectContaining({ parsed: { city: 'Rome' }, stopReason: 'end_turn' }),
          error: null,
        },
        { customId: 'b', type: 'errored', answer: null, error: 'not_found_error: model: claude-nope' },
      ],
    });
    expect(last()).toMatchObject({ method: 'GET', path: `/v1/messages/batches/${String(created.id)}/results` });
    expect(await fail('batches.get', { id: 'msgbatch_missing' })).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found' },
    });
  });
});

describe('every example in the manifest', () => {
  it('runs (the batch examples against a batch that exists and has ended)', async () => {
    const created = await run('batches.create', {
      requests: [
        { customId: 'x', model: 'claude-haiku-4-5', maxTokens: 64, messages: [{ role: 'user', content: 'Hi' }] },
      ],
    });
    const batch = anthropic.batches.get(String(created.id));
    if (!batch) throw new Error('batch not stored');
    anthropic.batches.delete(String(created.id));
    const exampleId = 'msgbatch_013Zva2CMHLNnXjNJJKqJ2EF';
    anthropic.batches.set(exampleId, { ...batch, id: exampleId });
    anthropic.endBatches();
    for (const action of connector.manifest.actions) {
      for (const example of action.examples) {
        const output = await run(action.key, example.input);
        if (example.output !== undefined) expect(output, action.key).toEqual(example.output);
      }
    }
    expect(anthropic.unmatched).toEqual([]);
  });
});
