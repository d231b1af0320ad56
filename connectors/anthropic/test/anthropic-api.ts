// A loopback Anthropic API for the conformance tests: Claude runs only at Anthropic, no emulator ships
// in npm or Debian, and nock cannot reach the sandbox's worker. It answers the request and response
// shapes of Anthropic's API reference with deterministic, computed answers (an echo of the prompt,
// tool calls whose input is built from the tool's schema, JSON built from the output schema):
// - versions and headers: https://platform.claude.com/docs/en/api/versioning (anthropic-version
//   required), https://platform.claude.com/docs/en/api/overview (x-api-key, JSON bodies)
// - errors: https://platform.claude.com/docs/en/api/errors (error.type: invalid_request_error 400,
//   authentication_error 401, not_found_error 404, rate_limit_error 429, overloaded_error 529)
// - rate limits: https://platform.claude.com/docs/en/api/rate-limits (retry-after, anthropic-ratelimit-*)
// - POST /v1/messages: https://platform.claude.com/docs/en/api/messages, tool use
//   https://platform.claude.com/docs/en/agents-and-tools/tool-use/implement-tool-use (tool_use and
//   tool_result blocks, tool_choice), structured outputs
//   https://platform.claude.com/docs/en/build-with-claude/structured-outputs (output_config.format)
// - streaming: https://platform.claude.com/docs/en/build-with-claude/streaming (message_start,
//   content_block_start/delta/stop with text_delta and input_json_delta, message_delta, message_stop)
// - POST /v1/messages/count_tokens: https://platform.claude.com/docs/en/api/messages-count-tokens
// - GET /v1/models: https://platform.claude.com/docs/en/api/models-list (before_id/after_id paging)
// - message batches: https://platform.claude.com/docs/en/api/creating-message-batches,
//   https://platform.claude.com/docs/en/api/retrieving-message-batches,
//   https://platform.claude.com/docs/en/api/retrieving-message-batch-results (JSONL at results_url)
// Batches stay in_progress until the test calls endBatches(), as real ones take minutes to hours.
import { randomBytes } from 'node:crypto';
import { type ReferenceReply, type ReferenceServer, startReferenceServer } from '@mova/sdk/testing';

export const API_KEY = 'sk-ant-api03-conformance0123456789';
/** API versions this reference serves: Anthropic's long-standing one and the one the SDK sends. */
export const VERSIONS = ['2023-06-01', '2026-10-21'];

type Json = Record<string, unknown>;

const MODELS = [
  {
    id: 'claude-opus-4-1-20250805',
    alias: 'claude-opus-4-1',
    display_name: 'Claude Opus 4.1',
    created_at: '2025-08-05T00:00:00Z',
  },
  {
    id: 'claude-sonnet-4-5-20250929',
    alias: 'claude-sonnet-4-5',
    display_name: 'Claude Sonnet 4.5',
    created_at: '2025-09-29T00:00:00Z',
  },
  {
    id: 'claude-haiku-4-5-20251001',
    alias: 'claude-haiku-4-5',
    display_name: 'Claude Haiku 4.5',
    created_at: '2025-10-01T00:00:00Z',
  },
];

export interface AnthropicReference extends ReferenceServer {
  batches: Map<string, Json>;
  /** Processes every batch in progress: each request answered (or errored) as /v1/messages would. */
  endBatches(): void;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}
const invalid = (message: string) => new Refusal(400, 'invalid_request_error', message);

export async function startAnthropic(): Promise<AnthropicReference> {
  const batches = new Map<string, Json>();
  const server = await startReferenceServer({
    check(request) {
      if (request.headers['x-api-key'] !== API_KEY)
        return reply(new Refusal(401, 'authentication_error', 'invalid x-api-key'));
      const version = request.headers['anthropic-version'];
      if (version === undefined) return reply(invalid('anthropic-version: header is required'));
      if (!VERSIONS.includes(String(version)))
        return reply(invalid(`anthropic-version: ${String(version)} is not a valid version`));
      if (request.method === 'POST') {
        if (!request.headers['content-type']?.startsWith('application/json'))
          return reply(invalid('Content-Type must be application/json'));
        if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body))
          return reply(invalid('There was an issue with your request body: invalid JSON'));
      }
      return undefined;
    },
  });

  const handle = (
    method: string,
    path: string,
    answer: (body: Json, params: Record<string, string>, query: URLSearchParams) => ReferenceReply,
  ) =>
    server.route(method, path, (request) => {
      try {
        return answer((request.body ?? {}) as Json, request.params, request.query);
      } catch (error) {
        if (error instanceof Refusal) return reply(error);
        throw error;
      }
    });

  handle('POST', '/v1/messages', (body) => {
    const params = readMessageParams(body, true);
    const message = answer(params);
    if (body.stream === true) return sse(message);
    return { headers: { 'request-id': `req_${token(24)}` }, body: message };
  });

  handle('POST', '/v1/messages/count_tokens', (body) => {
    const params = readMessageParams(body, false);
    return { body: { input_tokens: inputTokens(params) } };
  });

  handle('GET', '/v1/models', (_body, _params, query) => {
    const limit = Number(query.get('limit') ?? 20);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw invalid('limit: Input should be less than or equal to 1000');
    const newestFirst = [...MODELS].reverse();
    const after = query.get('after_id');
    const start = after === null ? 0 : newestFirst.findIndex((m) => m.id === after) + 1;
    if (after !== null && start === 0) throw invalid(`after_id: ${after} is not a model id`);
    const data = newestFirst.slice(start, start + limit).map(({ alias: _, ...model }) => ({ type: 'model', ...model }));
    return {
      body: {
        data,
        has_more: start + limit < newestFirst.length,
        first_id: data[0]?.id ?? null,
        last_id: data.at(-1)?.id ?? null,
      },
    };
  });

  handle('POST', '/v1/messages/batches', (body) => {
    allowOnly(body, ['requests'], '');
    if (!Array.isArray(body.requests) || body.requests.length === 0)
      throw invalid('requests: List should have at least 1 item after validation, not 0');
    const ids = new Set<string>();
    const requests = body.requests.map((request, i) => {
      const r = request as Json;
      if (typeof r.custom_id !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(r.custom_id))
        throw invalid(`requests.${i}.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'`);
      if (ids.has(r.custom_id)) throw invalid(`requests: Duplicate custom_id '${r.custom_id}' found`);
      ids.add(r.custom_id);
      if (typeof r.params !== 'object' || r.params === null) throw invalid(`requests.${i}.params: Field required`);
      return { custom_id: r.custom_id, params: r.params as Json };
    });
    const now = new Date();
    const batch: Json = {
      id: `msgbatch_${token(24)}`,
      type: 'message_batch',
      processing_status: 'in_progress',
      request_counts: { processing: requests.length, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
      created_at: now.toISOString(),
      ended_at: null,
      expires_at: new Date(now.getTime() + 86_400_000).toISOString(),
      archived_at: null,
      cancel_initiated_at: null,
      results_url: null,
      requests,
    };
    batches.set(String(batch.id), batch);
    return { body: publicBatch(batch) };
  });

  handle('GET', '/v1/messages/batches/:id', (_body, params) => ({ body: publicBatch(batchOf(params.id)) }));

  handle('GET', '/v1/messages/batches/:id/results', (_body, params) => {
    const batch = batchOf(params.id);
    if (batch.processing_status !== 'ended')
      throw invalid(`Message Batch ${String(batch.id)} has not finished processing`);
    return {
      headers: { 'content-type': 'application/binary' },
      body: `${(batch.results as Json[]).map((r) => JSON.stringify(r)).join('\n')}\n`,
    };
  });

  function batchOf(id: string | undefined): Json {
    const batch = batches.get(id ?? '');
    if (!batch) throw new Refusal(404, 'not_found_error', `message batch not found: ${id}`);
    return batch;
  }

  return Object.assign(server, {
    batches,
    endBatches() {
      for (const batch of batches.values()) {
        if (batch.processing_status !== 'in_progress') continue;
        const counts = batch.request_counts as Record<string, number>;
        batch.results = (batch.requests as { custom_id: string; params: Json }[]).map(({ custom_id, params }) => {
          try {
            const message = answer(readMessageParams(params, true));
            counts.succeeded = (counts.succeeded ?? 0) + 1;
            return { custom_id, result: { type: 'succeeded', message } };
          } catch (error) {
            if (!(error instanceof Refusal)) throw error;
            counts.errored = (counts.errored ?? 0) + 1;
            return {
              custom_id,
              result: {
                type: 'errored',
                error: { type: 'error', error: { type: error.type, message: error.message } },
              },
            };
          }
        });
        counts.processing = 0;
        batch.processing_status = 'ended';
        batch.ended_at = new Date().toISOString();
        batch.results_url = `${server.url}/v1/messages/batches/${String(batch.id)}/results`;
      }
    },
  });
}

function publicBatch(batch: Json): Json {
  const { requests: _, results: __, ...shown } = batch;
  return shown;
}

function reply(refusal: Refusal): ReferenceReply {
  const requestId = `req_${token(24)}`;
  return {
    status: refusal.status,
    headers: { 'request-id': requestId },
    body: { type: 'error', error: { type: refusal.type, message: refusal.message }, request_id: requestId },
  };
}

function allowOnly(body: Json, keys: string[], prefix: string): void {
  for (const key of Object.keys(body))
    if (!keys.includes(key)) throw invalid(`${prefix}${key}: Extra inputs are not permitted`);
}

interface MessageParams {
  model: string;
  maxTokens: number;
  system: string;
  messages: { role: string; content: Json[] }[];
  tools: { name: string; description?: string; input_schema: Json }[];
  toolChoice: Json | undefined;
  schema: Json | undefined;
  stopSequences: string[];
}

/** Checks a Messages request as the API does; `create` for /v1/messages, else count_tokens. */
function readMessageParams(body: Json, create: boolean): MessageParams {
  const allowed = ['model', 'messages', 'system', 'tools', 'tool_choice', 'output_config', 'thinking'];
  allowOnly(
    body,
    create
      ? [
          ...allowed,
          'max_tokens',
          'temperature',
          'top_p',
          'top_k',
          'stop_sequences',
          'stream',
          'metadata',
          'service_tier',
        ]
      : allowed,
    '',
  );
  const model = MODELS.find((m) => m.id === body.model || m.alias === body.model);
  if (typeof body.model !== 'string') throw invalid('model: Field required');
  if (!model) throw new Refusal(404, 'not_found_error', `model: ${body.model}`);
  if (create && (!Number.isInteger(body.max_tokens) || Number(body.max_tokens) < 1))
    throw invalid('max_tokens: Field required');
  if (
    body.temperature !== undefined &&
    (typeof body.temperature !== 'number' || body.temperature < 0 || body.temperature > 1)
  ) {
    throw invalid('temperature: Input should be less than or equal to 1');
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) throw invalid('messages: Field required');
  const messages = body.messages.map((m, i) => {
    const message = m as Json;
    if (message.role !== 'user' && message.role !== 'assistant')
      throw invalid(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    const content = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
    if (!Array.isArray(content) || content.length === 0)
      throw invalid(`messages.${i}: all messages must have non-empty content`);
    for (const [j, block] of content.entries()) {
      const b = block as Json;
      const types =
        message.role === 'user' ? ['text', 'image', 'document', 'tool_result'] : ['text', 'tool_use', 'thinking'];
      if (!types.includes(String(b.type)))
        throw invalid(
          `messages.${i}.content.${j}.type: Input tag '${String(b.type)}' found using 'type' does not match any of the expected tags`,
        );
      if (b.type === 'text' && typeof b.text !== 'string')
        throw invalid(`messages.${i}.content.${j}.text: Field required`);
    }
    return { role: String(message.role), content: content as Json[] };
  });
  if (messages[0]?.role !== 'user') throw invalid('messages: first message must use the "user" role');
  // Each tool_result answers a tool_use of the assistant message just before it.
  for (const [i, message] of messages.entries()) {
    const results = message.content.filter((b) => b.type === 'tool_result');
    if (results.length === 0) continue;
    const previous = messages[i - 1];
    const uses = new Set(
      previous?.role === 'assistant' ? previous.content.filter((b) => b.type === 'tool_use').map((b) => b.id) : [],
    );
    for (const result of results) {
      if (!uses.has(result.tool_use_id)) {
        throw invalid(
          `messages.${i}.content.0: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(result.tool_use_id)}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
        );
      }
    }
  }
  const tools = (body.tools ?? []) as Json[];
  if (!Array.isArray(tools)) throw invalid('tools: Input should be a valid list');
  for (const [i, tool] of tools.entries()) {
    if (typeof tool.name !== 'string' || !/^[a-zA-Z0-9_-]{1,128}$/.test(tool.name))
      throw invalid(`tools.${i}.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
    const schema = tool.input_schema as Json | undefined;
    if (schema?.type !== 'object') throw invalid(`tools.${i}.input_schema.type: Input should be 'object'`);
  }
  const choice = body.tool_choice as Json | undefined;
  if (choice !== undefined) {
    if (!['auto', 'any', 'none', 'tool'].includes(String(choice.type)))
      throw invalid("tool_choice.type: Input tag found using 'type' does not match any of the expected tags");
    if (choice.type === 'tool' && !tools.some((t) => t.name === choice.name))
      throw invalid(`tool_choice.name: Tool '${String(choice.name)}' not found in tools`);
    if (choice.type !== 'auto' && choice.type !== 'none' && tools.length === 0)
      throw invalid('tool_choice: may only be specified while providing tools.');
  }
  let schema: Json | undefined;
  const format = (body.output_config as Json | undefined)?.format as Json | undefined;
  if (format !== undefined) {
    if (format.type !== 'json_schema' || typeof format.schema !== 'object' || format.schema === null)
      throw invalid('output_config.format: expected { type: "json_schema", schema }');
    schema = format.schema as Json;
    closedObjects(schema, 'output_config.format.schema');
  }
  if (
    body.stop_sequences !== undefined &&
    (!Array.isArray(body.stop_sequences) || body.stop_sequences.some((s) => typeof s !== 'string' || s.trim() === ''))
  ) {
    throw invalid('stop_sequences: each stop sequence must contain non-whitespace');
  }
  return {
    model: model.id,
    maxTokens: Number(body.max_tokens ?? 0),
    system: typeof body.system === 'string' ? body.system : '',
    messages,
    tools: tools as MessageParams['tools'],
    toolChoice: choice,
    schema,
    stopSequences: (body.stop_sequences ?? []) as string[],
  };
}

/** Structured outputs need every object closed (additionalProperties: false). */
function closedObjects(schema: Json, at: string): void {
  if (schema.type === 'object' && schema.additionalProperties !== false) {
    throw invalid(`${at}: For 'object' type, 'additionalProperties' must be explicitly set to false`);
  }
  for (const [key, value] of Object.entries((schema.properties ?? {}) as Record<string, Json>))
    closedObjects(value, `${at}.properties.${key}`);
  if (schema.items) closedObjects(schema.items as Json, `${at}.items`);
}

function inputTokens(params: MessageParams): number {
  const text = [
    params.system,
    ...params.messages.flatMap((m) => m.content.map((b) => (b.type === 'text' ? String(b.text) : JSON.stringify(b)))),
    ...params.tools.map((t) => JSON.stringify(t)),
  ].join(' ');
  return tokens(text) + 3 * params.messages.length;
}

/** The answer this reference gives: tool calls when asked for, else JSON for a schema, else an echo. */
function answer(params: MessageParams): Json {
  const last = params.messages.at(-1);
  const lastText = last?.content.flatMap((b) => (b.type === 'text' ? [String(b.text)] : [])).join(' ') ?? '';
  const toolResults = last?.content.filter((b) => b.type === 'tool_result') ?? [];
  const choice = params.toolChoice?.type ?? 'auto';
  const content: Json[] = [];
  let stop = 'end_turn';
  let stopSequence: string | null = null;
  if (params.tools.length > 0 && choice !== 'none' && toolResults.length === 0) {
    const tool = choice === 'tool' ? params.tools.find((t) => t.name === params.toolChoice?.name) : params.tools[0];
    if (tool) {
      if (choice === 'auto') content.push({ type: 'text', text: `I'll use ${tool.name}.` });
      content.push({
        type: 'tool_use',
        id: `toolu_${token(24)}`,
        name: tool.name,
        input: instanceOf(tool.input_schema, lastText),
      });
      stop = 'tool_use';
    }
  }
  if (content.length === 0) {
    let text =
      toolResults.length > 0
        ? `Based on the tool result: ${toolResults.map((r) => (typeof r.content === 'string' ? r.content : JSON.stringify(r.content))).join('; ')}`
        : params.schema
          ? JSON.stringify(instanceOf(params.schema, lastText))
          : `Echo: ${lastText}`;
    for (const sequence of params.stopSequences) {
      const at = text.indexOf(sequence);
      if (at >= 0) {
        text = text.slice(0, at);
        stop = 'stop_sequence';
        stopSequence = sequence;
      }
    }
    const words = text.match(/\s*(\w+|[^\s\w])/g) ?? [];
    if (words.length > params.maxTokens) {
      text = words.slice(0, params.maxTokens).join('');
      stop = 'max_tokens';
    }
    content.push({ type: 'text', text });
  }
  const output = content.reduce(
    (sum, b) => sum + tokens(b.type === 'text' ? String(b.text) : JSON.stringify(b.input)),
    0,
  );
  return {
    id: `msg_${token(24)}`,
    type: 'message',
    role: 'assistant',
    model: params.model,
    content,
    stop_reason: stop,
    stop_sequence: stopSequence,
    usage: {
      input_tokens: inputTokens(params),
      output_tokens: output,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      service_tier: 'standard',
    },
  };
}

/** A value following `schema`; strings take the last capitalized word of the prompt, else the field's name. */
function instanceOf(schema: Json, prompt: string, name = 'value'): unknown {
  if (Array.isArray(schema.enum)) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries((schema.properties ?? {}) as Record<string, Json>).map(([key, value]) => [
          key,
          instanceOf(value, prompt, key),
        ]),
      );
    case 'array':
      return schema.items ? [instanceOf(schema.items as Json, prompt, name)] : [];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    default:
      return prompt.match(/\b[A-Z][a-z]+\b/g)?.at(-1) ?? name;
  }
}

/** A message as Anthropic streams it, event by event; tool inputs arrive as partial JSON. */
function sse(message: Json): ReferenceReply {
  const events: [string, Json][] = [];
  const usage = message.usage as Json;
  events.push([
    'message_start',
    {
      type: 'message_start',
      message: {
        ...message,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...usage, output_tokens: 1 },
      },
    },
  ]);
  for (const [index, block] of (message.content as Json[]).entries()) {
    if (block.type === 'text') {
      events.push([
        'content_block_start',
        { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
      ]);
      for (const piece of String(block.text).match(/\s*\S+/g) ?? []) {
        events.push([
          'content_block_delta',
          { type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } },
        ]);
      }
    } else {
      events.push([
        'content_block_start',
        {
          type: 'content_block_start',
          index,
          content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
        },
      ]);
      const json = JSON.stringify(block.input);
      for (let at = 0; at < json.length; at += 7) {
        events.push([
          'content_block_delta',
          {
            type: 'content_block_delta',
            index,
            delta: { type: 'input_json_delta', partial_json: json.slice(at, at + 7) },
          },
        ]);
      }
    }
    events.push(['content_block_stop', { type: 'content_block_stop', index }]);
    if (index === 0) events.push(['ping', { type: 'ping' }]);
  }
  events.push([
    'message_delta',
    {
      type: 'message_delta',
      delta: { stop_reason: message.stop_reason, stop_sequence: message.stop_sequence },
      usage: { output_tokens: usage.output_tokens },
    },
  ]);
  events.push(['message_stop', { type: 'message_stop' }]);
  return {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' },
    body: events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join(''),
  };
}

function tokens(text: string): number {
  return text.match(/\w+|[^\s\w]/g)?.length ?? 0;
}

function token(length: number): string {
  return randomBytes(length).toString('base64url').replace(/[-_]/g, 'x').slice(0, length);
}
