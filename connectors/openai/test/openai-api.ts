// A loopback OpenAI API for the conformance tests: OpenAI's models run nowhere but at OpenAI, no
// emulator ships in npm or Debian, and nock cannot reach the sandbox's worker. It answers the request
// and response shapes of OpenAI's API reference with deterministic, computed answers (an echo of the
// prompt, JSON built from the requested schema, vectors from a hash of the text):
// - authentication and organization/project headers: https://platform.openai.com/docs/api-reference/authentication
// - errors: https://platform.openai.com/docs/guides/error-codes (error.type, error.code; 401, 404
//   model_not_found, 429 rate_limit_exceeded and insufficient_quota)
// - rate limits and their headers: https://platform.openai.com/docs/guides/rate-limits
// - GET /v1/models: https://platform.openai.com/docs/api-reference/models/list
// - POST /v1/chat/completions: https://platform.openai.com/docs/api-reference/chat/create, the
//   chat completion object https://platform.openai.com/docs/api-reference/chat/object, streaming as
//   server-sent events https://platform.openai.com/docs/api-reference/chat-streaming (chunks,
//   stream_options.include_usage, data: [DONE])
// - structured outputs: https://platform.openai.com/docs/guides/structured-outputs (strict schemas
//   need additionalProperties: false and every property required)
// - POST /v1/responses: https://platform.openai.com/docs/api-reference/responses/create and the
//   response object https://platform.openai.com/docs/api-reference/responses/object
// - POST /v1/embeddings: https://platform.openai.com/docs/api-reference/embeddings/create
//   (encoding_format float or base64: little-endian float32)
// - POST /v1/moderations: https://platform.openai.com/docs/api-reference/moderations/create
// - POST /v1/images/generations: https://platform.openai.com/docs/api-reference/images/create
//   (gpt-image-1 always answers b64_json and refuses response_format; dall-e-3 makes n=1)
// It renders PNG images only (a small image drawn here), and refuses jpeg and webp output.
import { createHash, randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import {
  type ReferenceReply,
  type ReferenceRequest,
  type ReferenceServer,
  startReferenceServer,
} from '@mova/sdk/testing';

export const API_KEY = 'sk-proj-conformance0123456789';
export const ORGANIZATION = 'org-Conformance01';
export const PROJECT = 'proj_Conformance01';

type Json = Record<string, unknown>;

const CHAT_MODELS = ['gpt-4.1', 'gpt-4.1-mini', 'gpt-4o-mini'];
const EMBEDDING_MODELS: Record<string, { size: number; shorten: boolean }> = {
  'text-embedding-3-small': { size: 1536, shorten: true },
  'text-embedding-3-large': { size: 3072, shorten: true },
  'text-embedding-ada-002': { size: 1536, shorten: false },
};
const SNAPSHOT: Record<string, string> = {
  'gpt-4.1': 'gpt-4.1-2025-04-14',
  'gpt-4.1-mini': 'gpt-4.1-mini-2025-04-14',
  'gpt-4o-mini': 'gpt-4o-mini-2024-07-18',
  'omni-moderation-latest': 'omni-moderation-2024-09-26',
};
const MODERATION_CATEGORIES = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
];

export interface OpenAIReference extends ReferenceServer {
  /** Responses stored with store: true, by id. */
  stored: Map<string, Json>;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly body: Json,
  ) {
    super(String(body.message));
  }
}
const invalid = (message: string, param: string | null = null, code: string | null = null) =>
  new Refusal(400, { message, type: 'invalid_request_error', param, code });
const noModel = (model: unknown) =>
  new Refusal(404, {
    message: `The model \`${String(model)}\` does not exist or you do not have access to it.`,
    type: 'invalid_request_error',
    param: null,
    code: 'model_not_found',
  });

export async function startOpenAI(): Promise<OpenAIReference> {
  const stored = new Map<string, Json>();
  const server = await startReferenceServer({
    check(request) {
      const auth = request.headers.authorization;
      if (auth !== `Bearer ${API_KEY}`) {
        const shown = typeof auth === 'string' ? `${auth.slice(7, 14)}****` : 'none';
        return reply(
          new Refusal(401, {
            message: `Incorrect API key provided: ${shown}. You can find your API key at https://platform.openai.com/account/api-keys.`,
            type: 'invalid_request_error',
            param: null,
            code: 'invalid_api_key',
          }),
        );
      }
      const org = request.headers['openai-organization'];
      if (org !== undefined && org !== ORGANIZATION) {
        return reply(
          new Refusal(401, {
            message: `No such organization: ${String(org)}.`,
            type: 'invalid_request_error',
            param: null,
            code: 'no_such_organization',
          }),
        );
      }
      const project = request.headers['openai-project'];
      if (project !== undefined && project !== PROJECT) {
        return reply(
          new Refusal(401, {
            message: `OpenAI-Project header should match project for API key`,
            type: 'invalid_request_error',
            param: null,
            code: 'invalid_project',
          }),
        );
      }
      if (request.method === 'POST') {
        if (!request.headers['content-type']?.startsWith('application/json'))
          return reply(invalid('Content-Type must be application/json'));
        if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) {
          return reply(invalid('We could not parse the JSON body of your request.'));
        }
      }
      return undefined;
    },
  });

  const handle = (
    method: string,
    path: string,
    answer: (body: Json, request: ReferenceRequest) => ReferenceReply | Json,
  ) =>
    server.route(method, path, (request) => {
      try {
        const result = answer((request.body ?? {}) as Json, request);
        return 'body' in result && ('status' in result || 'headers' in result)
          ? (result as ReferenceReply)
          : { body: result, headers: { 'x-request-id': `req_${hex(16)}` } };
      } catch (error) {
        if (error instanceof Refusal) return reply(error);
        throw error;
      }
    });

  handle('GET', '/v1/models', () => ({
    object: 'list',
    data: [...CHAT_MODELS, ...Object.keys(EMBEDDING_MODELS), 'omni-moderation-latest', 'gpt-image-1', 'dall-e-3'].map(
      (id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'system' }),
    ),
  }));

  handle('POST', '/v1/chat/completions', (body) => {
    allowOnly(body, [
      'model',
      'messages',
      'response_format',
      'temperature',
      'max_completion_tokens',
      'max_tokens',
      'stop',
      'seed',
      'stream',
      'stream_options',
      'n',
      'user',
      'top_p',
    ]);
    const model = chatModel(body.model);
    if (!Array.isArray(body.messages) || body.messages.length === 0)
      throw invalid(
        "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
        'messages',
        'empty_array',
      );
    const messages = body.messages.map((m, i) => {
      if (
        typeof m !== 'object' ||
        m === null ||
        !['system', 'developer', 'user', 'assistant', 'tool'].includes(String((m as Json).role))
      ) {
        throw invalid(`Invalid value for 'messages[${i}].role'.`, `messages[${i}].role`, 'invalid_value');
      }
      if (typeof (m as Json).content !== 'string')
        throw invalid(
          `Invalid type for 'messages[${i}].content': expected a string.`,
          `messages[${i}].content`,
          'invalid_type',
        );
      return m as { role: string; content: string };
    });
    temperatureOf(body.temperature);
    const limit = body.max_completion_tokens ?? body.max_tokens;
    if (limit !== undefined && (!Number.isInteger(limit) || Number(limit) < 1))
      throw invalid(
        "Invalid 'max_completion_tokens': integer below minimum value.",
        'max_completion_tokens',
        'integer_below_min_value',
      );
    if (body.stream_options !== undefined && body.stream !== true)
      throw invalid("The 'stream_options' parameter is only allowed when 'stream' is enabled.", 'stream_options');
    const format = responseFormat(body.response_format, 'response_format');
    const lastUser = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    const full = format ? JSON.stringify(instanceOf(format.schema, format.name)) : `Echo: ${lastUser}`;
    const { text, cut } = limited(full, limit as number | undefined);
    const usage = {
      prompt_tokens: messages.reduce((sum, m) => sum + 4 + tokens(m.content), 0),
      completion_tokens: tokens(text),
      total_tokens: 0,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    };
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    const id = `chatcmpl-${hex(12)}`;
    const created = Math.floor(Date.now() / 1000);
    const finish = cut ? 'length' : 'stop';
    if (body.stream === true)
      return sse(
        id,
        created,
        model,
        text,
        finish,
        (body.stream_options as Json | undefined)?.include_usage === true ? usage : undefined,
      );
    return {
      id,
      object: 'chat.completion',
      created,
      model: SNAPSHOT[model] ?? model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: text, refusal: null, annotations: [] },
          logprobs: null,
          finish_reason: finish,
        },
      ],
      usage,
      service_tier: 'default',
      system_fingerprint: 'fp_conformance',
    };
  });

  handle('POST', '/v1/responses', (body) => {
    allowOnly(body, [
      'model',
      'input',
      'instructions',
      'text',
      'max_output_tokens',
      'temperature',
      'previous_response_id',
      'store',
      'metadata',
      'user',
    ]);
    const model = chatModel(body.model);
    const input = body.input;
    let prompt: string;
    let inputTokens: number;
    if (typeof input === 'string') {
      prompt = input;
      inputTokens = tokens(input);
    } else if (Array.isArray(input) && input.length > 0) {
      const items = input.map((item, i) => {
        if (
          typeof item !== 'object' ||
          item === null ||
          typeof (item as Json).content !== 'string' ||
          !['system', 'developer', 'user', 'assistant'].includes(String((item as Json).role))
        ) {
          throw invalid(`Invalid value for 'input[${i}]'.`, `input[${i}]`, 'invalid_value');
        }
        return item as { role: string; content: string };
      });
      prompt = [...items].reverse().find((m) => m.role === 'user')?.content ?? '';
      inputTokens = items.reduce((sum, m) => sum + 4 + tokens(m.content), 0);
    } else throw invalid("Missing required parameter: 'input'.", 'input', 'missing_required_parameter');
    temperatureOf(body.temperature);
    if (
      body.max_output_tokens !== undefined &&
      (!Number.isInteger(body.max_output_tokens) || Number(body.max_output_tokens) < 16)
    ) {
      throw invalid(
        "Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16.",
        'max_output_tokens',
        'integer_below_min_value',
      );
    }
    if (body.previous_response_id !== undefined && !stored.has(String(body.previous_response_id))) {
      throw new Refusal(404, {
        message: `Previous response with id '${String(body.previous_response_id)}' not found.`,
        type: 'invalid_request_error',
        param: 'previous_response_id',
        code: 'previous_response_not_found',
      });
    }
    const textFormat = (body.text as Json | undefined)?.format as Json | undefined;
    const format =
      textFormat?.type === 'json_schema'
        ? responseFormat({ type: 'json_schema', json_schema: textFormat }, 'text.format')
        : undefined;
    if (instructionsOf(body.instructions)) inputTokens += tokens(String(body.instructions));
    const full = format ? JSON.stringify(instanceOf(format.schema, format.name)) : `Echo: ${prompt}`;
    const { text, cut } = limited(full, body.max_output_tokens as number | undefined);
    const response = {
      id: `resp_${hex(24)}`,
      object: 'response',
      created_at: Math.floor(Date.now() / 1000),
      status: cut ? 'incomplete' : 'completed',
      error: null,
      incomplete_details: cut ? { reason: 'max_output_tokens' } : null,
      instructions: body.instructions ?? null,
      max_output_tokens: body.max_output_tokens ?? null,
      model: SNAPSHOT[model] ?? model,
      output: [
        {
          type: 'message',
          id: `msg_${hex(24)}`,
          status: cut ? 'incomplete' : 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', text, annotations: [], logprobs: [] }],
        },
      ],
      parallel_tool_calls: true,
      previous_response_id: body.previous_response_id ?? null,
      store: body.store ?? true,
      temperature: body.temperature ?? 1,
      text: { format: textFormat ?? { type: 'text' } },
      tool_choice: 'auto',
      tools: [],
      top_p: 1,
      truncation: 'disabled',
      usage: {
        input_tokens: inputTokens,
        input_tokens_details: { cached_tokens: 0 },
        output_tokens: tokens(text),
        output_tokens_details: { reasoning_tokens: 0 },
        total_tokens: inputTokens + tokens(text),
      },
      metadata: {},
    };
    if (response.store) stored.set(response.id, response);
    return response;
  });

  handle('POST', '/v1/embeddings', (body) => {
    allowOnly(body, ['model', 'input', 'dimensions', 'encoding_format', 'user']);
    const spec = EMBEDDING_MODELS[String(body.model)];
    if (!spec) throw noModel(body.model);
    const texts = typeof body.input === 'string' ? [body.input] : body.input;
    if (
      !Array.isArray(texts) ||
      texts.length === 0 ||
      texts.length > 2048 ||
      texts.some((t) => typeof t !== 'string' || t === '')
    ) {
      throw invalid(
        "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
        'input',
      );
    }
    let size = spec.size;
    if (body.dimensions !== undefined) {
      if (!spec.shorten) throw invalid('This model does not support specifying dimensions.', 'dimensions');
      if (!Number.isInteger(body.dimensions) || Number(body.dimensions) < 1 || Number(body.dimensions) > spec.size)
        throw invalid(`Invalid 'dimensions': must be between 1 and ${spec.size}.`, 'dimensions');
      size = Number(body.dimensions);
    }
    const format = body.encoding_format ?? 'float';
    if (format !== 'float' && format !== 'base64')
      throw invalid("Invalid value for 'encoding_format'.", 'encoding_format');
    const used = (texts as string[]).reduce((sum, t) => sum + tokens(t), 0);
    return {
      object: 'list',
      data: (texts as string[]).map((text, index) => {
        const vector = vectorOf(text, size);
        return {
          object: 'embedding',
          index,
          embedding: format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector,
        };
      }),
      model: body.model,
      usage: { prompt_tokens: used, total_tokens: used },
    };
  });

  handle('POST', '/v1/moderations', (body) => {
    allowOnly(body, ['model', 'input']);
    const model = body.model ?? 'omni-moderation-latest';
    if (model !== 'omni-moderation-latest' && model !== 'text-moderation-latest') throw noModel(model);
    const texts = typeof body.input === 'string' ? [body.input] : body.input;
    if (!Array.isArray(texts) || texts.length === 0 || texts.some((t) => typeof t !== 'string'))
      throw invalid("'$.input' is invalid.", 'input');
    return {
      id: `modr-${hex(16)}`,
      model: SNAPSHOT[String(model)] ?? model,
      results: (texts as string[]).map((text) => {
        const violent = /\b(hurt|kill|attack)\b/i.test(text);
        const scores = Object.fromEntries(
          MODERATION_CATEGORIES.map((c) => [
            c,
            violent && (c === 'violence' || c === 'harassment/threatening') ? 0.91 : 0.0002,
          ]),
        );
        const categories = Object.fromEntries(MODERATION_CATEGORIES.map((c) => [c, (scores[c] ?? 0) > 0.5]));
        return {
          flagged: Object.values(categories).some(Boolean),
          categories,
          category_scores: scores,
          category_applied_input_types: Object.fromEntries(MODERATION_CATEGORIES.map((c) => [c, ['text']])),
        };
      }),
    };
  });

  handle('POST', '/v1/images/generations', (body) => {
    allowOnly(body, [
      'model',
      'prompt',
      'n',
      'size',
      'quality',
      'response_format',
      'output_format',
      'background',
      'style',
      'user',
      'moderation',
      'output_compression',
    ]);
    const model = body.model ?? 'dall-e-2';
    if (typeof body.prompt !== 'string' || body.prompt === '')
      throw invalid("Missing required parameter: 'prompt'.", 'prompt', 'missing_required_parameter');
    const n = body.n ?? 1;
    if (!Number.isInteger(n) || Number(n) < 1 || Number(n) > 10)
      throw invalid("Invalid 'n': must be between 1 and 10.", 'n');
    const gptImage = model === 'gpt-image-1';
    if (!gptImage && model !== 'dall-e-3') throw noModel(model);
    const sizes = gptImage ? ['auto', '1024x1024', '1536x1024', '1024x1536'] : ['1024x1024', '1792x1024', '1024x1792'];
    if (body.size !== undefined && !sizes.includes(String(body.size)))
      throw invalid(
        `Invalid value: '${String(body.size)}'. Supported values are: ${sizes.map((s) => `'${s}'`).join(', ')}.`,
        'size',
        'invalid_value',
      );
    const qualities = gptImage ? ['low', 'medium', 'high', 'auto'] : ['standard', 'hd'];
    if (body.quality !== undefined && !qualities.includes(String(body.quality)))
      throw invalid(
        `Invalid value: '${String(body.quality)}'. Supported values are: ${qualities.map((q) => `'${q}'`).join(', ')}.`,
        'quality',
        'invalid_value',
      );
    if (gptImage && body.response_format !== undefined)
      throw invalid("Unknown parameter: 'response_format'.", 'response_format', 'unknown_parameter');
    if (!gptImage && body.output_format !== undefined)
      throw invalid("Unknown parameter: 'output_format'.", 'output_format', 'unknown_parameter');
    if (!gptImage && n !== 1) throw invalid('You must provide n=1 for this model.', 'n');
    if (gptImage && body.output_format !== undefined && body.output_format !== 'png')
      throw invalid('This reference server renders png images only.', 'output_format');
    const b64 = gptImage || body.response_format === 'b64_json';
    const image = png(String(body.prompt));
    const data = Array.from({ length: Number(n) }, () =>
      b64
        ? {
            b64_json: image.toString('base64'),
            ...(gptImage ? {} : { revised_prompt: `A detailed rendering: ${String(body.prompt)}` }),
          }
        : { url: `${server.url}/images/${hex(8)}.png`, revised_prompt: String(body.prompt) },
    );
    return {
      created: Math.floor(Date.now() / 1000),
      data,
      ...(gptImage
        ? {
            background: 'opaque',
            output_format: 'png',
            quality: body.quality ?? 'auto',
            size: body.size ?? '1024x1024',
            usage: {
              input_tokens: tokens(String(body.prompt)),
              input_tokens_details: { text_tokens: tokens(String(body.prompt)), image_tokens: 0 },
              output_tokens: 272 * Number(n),
              total_tokens: tokens(String(body.prompt)) + 272 * Number(n),
            },
          }
        : {}),
    };
  });

  return Object.assign(server, { stored });
}

function reply(refusal: Refusal): ReferenceReply {
  return { status: refusal.status, headers: { 'x-request-id': `req_${hex(16)}` }, body: { error: refusal.body } };
}

function allowOnly(body: Json, keys: string[]): void {
  for (const key of Object.keys(body))
    if (!keys.includes(key)) throw invalid(`Unrecognized request argument supplied: ${key}`, key, 'unknown_parameter');
}

function chatModel(model: unknown): string {
  if (typeof model !== 'string')
    throw invalid('you must provide a model parameter', 'model', 'missing_required_parameter');
  if (!CHAT_MODELS.includes(model)) throw noModel(model);
  return model;
}

function temperatureOf(value: unknown): void {
  if (value !== undefined && (typeof value !== 'number' || value < 0 || value > 2)) {
    throw invalid(
      `Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got ${String(value)} instead.`,
      'temperature',
      'decimal_above_max_value',
    );
  }
}

function instructionsOf(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'string')
    throw invalid("Invalid type for 'instructions': expected a string.", 'instructions', 'invalid_type');
  return true;
}

/** The json_schema of a response format, checked the way strict structured outputs are. */
function responseFormat(format: unknown, param: string): { name: string; schema: Json } | undefined {
  if (format === undefined) return undefined;
  const f = format as Json;
  if (f.type === 'text') return undefined;
  if (f.type !== 'json_schema') throw invalid(`Invalid value for '${param}.type'.`, `${param}.type`, 'invalid_value');
  const spec = f.json_schema as Json | undefined;
  if (!spec || typeof spec.name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(spec.name))
    throw invalid(`Missing required parameter: '${param}.name'.`, `${param}.name`, 'missing_required_parameter');
  if (typeof spec.schema !== 'object' || spec.schema === null)
    throw invalid(`Missing required parameter: '${param}.schema'.`, `${param}.schema`);
  if (spec.strict === true) strictCheck(spec.schema as Json, spec.name, []);
  return { name: spec.name, schema: spec.schema as Json };
}

function strictCheck(schema: Json, name: string, context: string[]): void {
  const where = `Invalid schema for response_format '${name}': In context=(${context.map((c) => `'${c}'`).join(', ')})`;
  if (schema.type === 'object') {
    if (schema.additionalProperties !== false)
      throw invalid(
        `${where}, 'additionalProperties' is required to be supplied and to be false.`,
        'response_format',
        'invalid_json_schema',
      );
    const properties = (schema.properties ?? {}) as Record<string, Json>;
    const required = Array.isArray(schema.required) ? schema.required : [];
    for (const key of Object.keys(properties)) {
      if (!required.includes(key))
        throw invalid(
          `${where}, 'required' is required to be supplied and to be an array including every key in properties. Missing '${key}'.`,
          'response_format',
          'invalid_json_schema',
        );
      strictCheck(properties[key] as Json, name, [...context, 'properties', key]);
    }
  }
  if (schema.type === 'array' && schema.items) strictCheck(schema.items as Json, name, [...context, 'items']);
}

/** A value following `schema`: enum's first value, the property's name for strings, 1 for numbers. */
function instanceOf(schema: Json, name: string): unknown {
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries((schema.properties ?? {}) as Record<string, Json>).map(([key, value]) => [
          key,
          instanceOf(value, key),
        ]),
      );
    case 'array':
      return schema.items ? [instanceOf(schema.items as Json, name)] : [];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return name;
  }
}

/** Words and punctuation marks, a stand-in for a tokenizer. */
function tokens(text: string): number {
  return text.match(/\w+|[^\s\w]/g)?.length ?? 0;
}

/** The text cut to `limit` tokens, and whether it was. */
function limited(text: string, limit: number | undefined): { text: string; cut: boolean } {
  if (limit === undefined) return { text, cut: false };
  const parts = text.match(/\s*(\w+|[^\s\w])/g) ?? [];
  return parts.length <= limit ? { text, cut: false } : { text: parts.slice(0, limit).join(''), cut: true };
}

/** A chat completion as server-sent chunks, ending with the usage chunk (when asked) and [DONE]. */
function sse(
  id: string,
  created: number,
  model: string,
  text: string,
  finish: string,
  usage: Json | undefined,
): ReferenceReply {
  const chunk = (delta: Json, finishReason: string | null, extra: Json = {}) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model: SNAPSHOT[model] ?? model,
    system_fingerprint: 'fp_conformance',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...extra,
  });
  const pieces = text.match(/\s*\S+/g) ?? [];
  const events = [
    chunk({ role: 'assistant', content: '', refusal: null }, null, usage ? { usage: null } : {}),
    ...pieces.map((piece) => chunk({ content: piece }, null, usage ? { usage: null } : {})),
    chunk({}, finish, usage ? { usage: null } : {}),
    ...(usage
      ? [
          {
            id,
            object: 'chat.completion.chunk',
            created,
            model: SNAPSHOT[model] ?? model,
            system_fingerprint: 'fp_conformance',
            choices: [],
            usage,
          },
        ]
      : []),
  ];
  return {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' },
    body: `${events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')}data: [DONE]\n\n`,
  };
}

/** A unit vector computed from the text, so equal texts embed equally. */
function vectorOf(text: string, size: number): number[] {
  const values: number[] = [];
  let block = createHash('sha256').update(text).digest();
  while (values.length < size) {
    for (let i = 0; i + 1 < block.length && values.length < size; i += 2)
      values.push((block.readUInt16LE(i) / 65535) * 2 - 1);
    block = createHash('sha256').update(block).digest();
  }
  const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0));
  return values.map((v) => Math.fround(v / norm));
}

/** A 4×4 PNG whose colour comes from the prompt. */
export function png(prompt: string): Buffer {
  const [r = 0, g = 0, b = 0] = createHash('sha256').update(prompt).digest();
  const row = Buffer.from([0, ...Array.from({ length: 4 }, () => [r, g, b]).flat()]);
  const raw = Buffer.concat([row, row, row, row]);
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(4, 0);
  header.writeUInt32BE(4, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
