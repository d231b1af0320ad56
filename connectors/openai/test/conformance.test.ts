import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_KEY, type OpenAIReference, ORGANIZATION, PROJECT, png, startOpenAI } from './openai-api.js';

// Every action through the sandbox users run it in, against the loopback OpenAI API of openai-api.ts
// (its header names the platform.openai.com pages each route follows). It is reached the way a
// data-residency endpoint or AI gateway is: through the connection's apiUrl (network.connectionHosts),
// not a test-only allowance.
let openai: OpenAIReference;
let connector: ConnectorUnderTest;
let auth: { apiKey: string; apiUrl: string; organization: string; project: string };

beforeAll(async () => {
  openai = await startOpenAI();
  connector = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { apiKey: API_KEY, apiUrl: `${openai.url}/v1`, organization: ORGANIZATION, project: PROJECT };
});
afterAll(async () => {
  await connector?.close();
  await openai?.close();
});
beforeEach(() => {
  openai.requests.length = 0;
});

type Out = Record<string, unknown>;
const { run, call: fail } = actionCalls({ connector: () => connector, auth: () => auth });
const last = () => openai.requests.at(-1);

const INVOICE = {
  name: 'invoice',
  schema: {
    type: 'object',
    properties: {
      number: { type: 'string' },
      total: { type: 'number' },
      paid: { type: 'boolean' },
      status: { type: 'string', enum: ['open', 'paid'] },
    },
    required: ['number', 'total', 'paid', 'status'],
    additionalProperties: false,
  },
};

describe('chat completions', () => {
  it('answers a conversation with usage, sending the organization and project headers', async () => {
    const output = await run('chat.complete', {
      model: 'gpt-4.1-mini',
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: 'Say hello to Ada' },
      ],
      temperature: 0.2,
      maxTokens: 50,
    });
    expect(output).toEqual({
      id: expect.stringMatching(/^chatcmpl-/),
      model: 'gpt-4.1-mini-2025-04-14',
      content: 'Echo: Say hello to Ada',
      parsed: null,
      refusal: null,
      finishReason: 'stop',
      usage: { promptTokens: 15, completionTokens: 6, totalTokens: 21, cachedTokens: 0, reasoningTokens: 0 },
    });
    const request = last();
    expect(request).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
    expect(request?.headers).toMatchObject({
      authorization: `Bearer ${API_KEY}`,
      'openai-organization': ORGANIZATION,
      'openai-project': PROJECT,
    });
    expect(request?.body).toEqual({
      model: 'gpt-4.1-mini',
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: 'Say hello to Ada' },
      ],
      temperature: 0.2,
      max_completion_tokens: 50,
    });
  });

  it('gives structured output parsed, from a whole answer and from a stream of server-sent events', async () => {
    const input = {
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Invoice 17, 12.50, open' }],
      jsonSchema: INVOICE,
    };
    const whole = await run('chat.complete', input);
    expect(whole).toMatchObject({
      parsed: { number: 'number', total: 1, paid: true, status: 'open' },
      finishReason: 'stop',
    });
    expect(last()?.body).toMatchObject({
      response_format: { type: 'json_schema', json_schema: { name: 'invoice', schema: INVOICE.schema, strict: true } },
    });

    const streamed = await run('chat.complete', { ...input, stream: true });
    expect(last()?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(streamed).toEqual({ ...whole, id: expect.stringMatching(/^chatcmpl-/) });
    expect((streamed.usage as Out).totalTokens).toBeGreaterThan(0);
  });

  it('reports an answer cut at the token limit, a lax strict schema and an unknown model as the input’s', async () => {
    const cut = await run('chat.complete', {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'one two three four five' }],
      maxTokens: 3,
      stream: true,
    });
    expect(cut).toMatchObject({ content: 'Echo: one', finishReason: 'length' });
    const cutJson = await fail('chat.complete', {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'x' }],
      jsonSchema: INVOICE,
      maxTokens: 4,
    });
    expect(cutJson).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('token limit') },
    });
    const lax = await fail('chat.complete', {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'x' }],
      jsonSchema: { name: 'lax', schema: { type: 'object', properties: { a: { type: 'string' } } } },
    });
    expect(lax).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining("'additionalProperties' is required") },
    });
    const unknown = await fail('chat.complete', { model: 'gpt-9', messages: [{ role: 'user', content: 'x' }] });
    expect(unknown).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', message: expect.stringContaining('404 model_not_found') },
    });
  });

  it('maps a wrong key, a foreign organization, rate limits and an exhausted quota', async () => {
    const input = { model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'x' }] };
    expect(await fail('chat.complete', input, { ...auth, apiKey: 'sk-wrong' })).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', message: expect.stringContaining('invalid_api_key') },
    });
    expect(await fail('chat.complete', input, { ...auth, organization: 'org-Other' })).toMatchObject({
      status: 'failed',
      error: { kind: 'auth' },
    });
    openai.answerNext('POST', '/v1/chat/completions', {
      status: 429,
      headers: { 'retry-after': '20', 'x-ratelimit-remaining-tokens': '0' },
      body: {
        error: {
          message: 'Rate limit reached for gpt-4.1-mini on tokens per min (TPM): Limit 200000, Used 200000.',
          type: 'tokens',
          param: null,
          code: 'rate_limit_exceeded',
        },
      },
    });
    const limited = await fail('chat.complete', input);
    expect(limited).toMatchObject({
      status: 'failed',
      error: { kind: 'rate_limit', message: expect.stringContaining('tokens per min') },
    });
    expect(JSON.stringify(limited.error)).toContain('20');
    openai.answerNext('POST', '/v1/chat/completions', {
      status: 429,
      body: {
        error: {
          message: 'You exceeded your current quota, please check your plan and billing details.',
          type: 'insufficient_quota',
          param: null,
          code: 'insufficient_quota',
        },
      },
    });
    expect(await fail('chat.complete', input)).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', message: expect.stringContaining('insufficient_quota') },
    });
  });
});

describe('responses', () => {
  it('generates text and structured output with usage, stores it when asked, and continues from it', async () => {
    const first = await run('responses.create', {
      model: 'gpt-4.1',
      instructions: 'Answer briefly.',
      input: 'Why is the sky blue?',
      store: true,
    });
    expect(first).toEqual({
      id: expect.stringMatching(/^resp_/),
      model: 'gpt-4.1-2025-04-14',
      status: 'completed',
      outputText: 'Echo: Why is the sky blue?',
      parsed: null,
      usage: { inputTokens: 9, outputTokens: 8, totalTokens: 17, cachedTokens: 0, reasoningTokens: 0 },
    });
    expect(last()?.body).toEqual({
      model: 'gpt-4.1',
      input: 'Why is the sky blue?',
      instructions: 'Answer briefly.',
      store: true,
    });
    expect(openai.stored.has(String(first.id))).toBe(true);

    const structured = await run('responses.create', {
      model: 'gpt-4.1',
      input: [{ role: 'user', content: 'Invoice 17' }],
      jsonSchema: INVOICE,
      previousResponseId: first.id,
    });
    expect(structured).toMatchObject({ parsed: { number: 'number', total: 1, paid: true, status: 'open' } });
    expect(last()?.body).toMatchObject({
      text: { format: { type: 'json_schema', name: 'invoice', strict: true } },
      previous_response_id: first.id,
      store: false,
    });
    const missing = await fail('responses.create', { model: 'gpt-4.1', input: 'x', previousResponseId: 'resp_gone' });
    expect(missing).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', message: expect.stringContaining("'resp_gone' not found") },
    });
  });
});

describe('embeddings, moderation and images', () => {
  it('embeds texts in order, shortened, decoding the base64 vectors the SDK asks for', async () => {
    const output = await run('embeddings.create', {
      model: 'text-embedding-3-small',
      input: ['refund policy', 'shipping times', 'refund policy'],
      dimensions: 8,
    });
    expect(last()?.body).toEqual({
      model: 'text-embedding-3-small',
      input: ['refund policy', 'shipping times', 'refund policy'],
      dimensions: 8,
      encoding_format: 'base64',
    });
    const vectors = output.embeddings as number[][];
    expect(vectors.map((v) => v.length)).toEqual([8, 8, 8]);
    expect(vectors[0]).toEqual(vectors[2]);
    expect(vectors[0]).not.toEqual(vectors[1]);
    expect(Math.hypot(...(vectors[0] ?? []))).toBeCloseTo(1, 5);
    expect(output).toMatchObject({ model: 'text-embedding-3-small', usage: { promptTokens: 6, totalTokens: 6 } });
    const refused = await fail('embeddings.create', { model: 'text-embedding-ada-002', input: 'x', dimensions: 8 });
    expect(refused).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('dimensions') },
    });
  });

  it('flags harmful text by category', async () => {
    const output = await run('moderations.create', { input: ['Have a nice day!', 'I will hurt you'] });
    expect(output).toMatchObject({ model: 'omni-moderation-2024-09-26', flagged: true });
    const [calm, threat] = output.results as {
      flagged: boolean;
      categories: string[];
      scores: Record<string, number>;
    }[];
    expect(calm).toMatchObject({ flagged: false, categories: [] });
    expect(threat).toMatchObject({ flagged: true, categories: ['harassment/threatening', 'violence'] });
    expect(Object.keys(threat?.scores ?? {})).toHaveLength(13);
    expect(last()?.body).toEqual({ model: 'omni-moderation-latest', input: ['Have a nice day!', 'I will hurt you'] });
  });

  it('generates images as base64 content with gpt-image-1 and DALL·E 3, within the size cap', async () => {
    const prompt = 'A watercolor lighthouse at dawn';
    const output = await run('images.generate', { prompt, quality: 'low', n: 2 });
    expect(last()?.body).toEqual({
      model: 'gpt-image-1',
      prompt,
      n: 2,
      size: '1024x1024',
      quality: 'low',
      output_format: 'png',
    });
    const expected = png(prompt);
    expect(output).toEqual({
      images: [0, 1].map(() => ({
        content: expected.toString('base64'),
        encoding: 'base64',
        contentType: 'image/png',
        bytes: expected.length,
        revisedPrompt: null,
      })),
      usage: { inputTokens: 5, outputTokens: 544, totalTokens: 549 },
    });
    const dalle = await run('images.generate', { prompt, model: 'dall-e-3', quality: 'hd', size: '1792x1024' });
    expect(last()?.body).toMatchObject({ model: 'dall-e-3', response_format: 'b64_json' });
    expect(dalle).toMatchObject({
      images: [{ bytes: expected.length, revisedPrompt: `A detailed rendering: ${prompt}` }],
      usage: null,
    });
    const tooBig = await fail('images.generate', { prompt, maxBytes: 10 });
    expect(tooBig).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('over the download cap') },
    });
  });
});

describe('every example in the manifest', () => {
  it('runs and gives the output it shows', async () => {
    for (const action of connector.manifest.actions) {
      for (const example of action.examples) {
        const output = await run(action.key, example.input);
        if (example.output !== undefined) expect(output, action.key).toEqual(example.output);
      }
    }
    expect(openai.unmatched).toEqual([]);
  });
});
