import { setTimeout as sleep } from 'node:timers/promises';
import { type ActionContext, ConnectorError, createHttpClient, type HttpClient, serviceUrlOf } from '@mova/sdk';
import { credentials, TELEGRAM_API_URL, type TelegramConnection } from './connection.js';
import { failureOf, type TelegramFailure, telegramErrors } from './errors.js';

type Context = Pick<ActionContext, 'signal' | 'actionKey'> | undefined;

/** A file sent in a multipart upload. */
export interface UploadFile {
  /** The method's parameter for it: `photo`, `document`. */
  field: string;
  bytes: Buffer;
  filename: string;
  contentType: string;
}

/** The Bot API methods of one connection. */
export interface BotApi {
  /** Calls a method with JSON parameters and returns its `result`. */
  call<T>(method: string, parameters?: Record<string, unknown>): Promise<T>;
  /** Calls a method as multipart/form-data with one file, the other parameters as form fields. */
  upload<T>(method: string, parameters: Record<string, unknown>, file: UploadFile): Promise<T>;
}

// Flood control answers say how long to wait; short waits are waited out here, longer ones go to the
// runtime with `retryAfter`, which reschedules the step.
const MAX_WAIT_SECONDS = 30;
const MAX_TRIES = 3;
const UPLOAD_TIMEOUT_MS = 120_000;

/**
 * Runs `work` with the Bot API of this connection; failures leave as ConnectorErrors read by
 * Telegram's descriptions, never naming the URL (it carries the token).
 * @example
 * const message = await withTelegram(auth, ctx, (api) => api.call<Message>('sendMessage', { chat_id, text }));
 */
export async function withTelegram<T>(connection: TelegramConnection, ctx: Context, work: (api: BotApi) => Promise<T>) {
  const root = `${serviceUrlOf(connection.apiUrl, TELEGRAM_API_URL)}/bot${connection.botToken}`;
  const http = createHttpClient({
    baseUrl: root,
    auth: { definition: credentials, value: connection },
    retry: false,
    signal: ctx?.signal,
    actionKey: ctx?.actionKey,
  });
  const api: BotApi = {
    call: (method, parameters = {}) => honouringFloodControl(ctx, () => callJson(http, method, parameters)),
    upload: (method, parameters, file) =>
      honouringFloodControl(ctx, () => callMultipart(root, method, parameters, file, ctx)),
  };
  return telegramErrors.call(ctx?.actionKey, () => work(api)) as Promise<T>;
}

async function callJson<T>(http: HttpClient, method: string, parameters: Record<string, unknown>): Promise<T> {
  try {
    const { data } = await http.post<{ ok: boolean; result: T }>(`/${method}`, { json: parameters });
    return data.result;
  } catch (error) {
    throw telegramErrors.from(error) ?? error;
  }
}

async function callMultipart<T>(
  root: string,
  method: string,
  parameters: Record<string, unknown>,
  file: UploadFile,
  ctx: Context,
): Promise<T> {
  const form = new FormData();
  for (const [name, value] of Object.entries(parameters)) {
    if (value === undefined) continue;
    form.append(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  form.append(file.field, new Blob([file.bytes], { type: file.contentType }), file.filename);
  const signal = ctx?.signal
    ? AbortSignal.any([ctx.signal, AbortSignal.timeout(UPLOAD_TIMEOUT_MS)])
    : AbortSignal.timeout(UPLOAD_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(`${root}/${method}`, { method: 'POST', body: form, signal });
  } catch (error) {
    if (ctx?.signal?.aborted) throw ctx.signal.reason;
    throw telegramErrors.toConnectorError(error, ctx?.actionKey);
  }
  const text = await response.text();
  const body = parseJson(text) as (Omit<TelegramFailure, 'ok'> & { ok?: boolean; result?: T }) | undefined;
  if (response.ok && body?.ok === true) return body.result as T;
  const failure: TelegramFailure = body
    ? { ok: false, error_code: body.error_code, description: body.description, parameters: body.parameters }
    : { ok: false, description: text.slice(0, 200) || undefined };
  throw telegramErrors.fromFailure(failureOf(response.status, failure), ctx?.actionKey);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function honouringFloodControl<T>(ctx: Context, send: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await send();
    } catch (error) {
      const wait = error instanceof ConnectorError && error.kind === 'rate_limit' ? error.retryAfter : undefined;
      if (wait === undefined || wait > MAX_WAIT_SECONDS || tries >= MAX_TRIES) throw error;
      await sleep(wait * 1000, undefined, { signal: ctx?.signal });
    }
  }
}
