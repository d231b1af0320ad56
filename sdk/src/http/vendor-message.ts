import { field, textField } from './fields.js';

const MAX_LENGTH = 300;

/**
 * The vendor's own explanation from an error body: the first of `message`, `error.message`,
 * `error` (with OAuth's `error_description`), `error_description`, `errors[0].message`,
 * `errors[0]`, `detail`, `title` (RFC 9457), else the body as text. Truncated to 300 characters.
 * @example
 * vendorMessage('{"error":{"message":"Item not found"}}') // 'Item not found'
 */
export function vendorMessage(body: string, contentType = ''): string | undefined {
  const text = body.trim();
  if (!text) return undefined;
  let message: string | undefined;
  if (/json/i.test(contentType) || /^[[{]/.test(text)) {
    try {
      message = fromJson(JSON.parse(text));
    } catch {
      message = text;
    }
  } else if (/html/i.test(contentType) || text.startsWith('<')) {
    message = fromHtml(text);
  } else {
    message = text;
  }
  return message ? truncate(message.replace(/\s+/g, ' ').trim()) : undefined;
}

function fromJson(body: unknown): string | undefined {
  const error = field(body, 'error');
  const description = textField(body, 'error_description');
  const first = firstOf(field(body, 'errors'));
  return (
    textField(body, 'message') ??
    textField(error, 'message') ??
    (text(error) && description ? `${text(error)}: ${description}` : text(error)) ??
    description ??
    textField(first, 'message') ??
    text(first) ??
    textField(body, 'detail') ??
    textField(body, 'title')
  );
}

/** Error pages from proxies: the title says it (`502 Bad Gateway`), else the visible text. */
function fromHtml(html: string): string | undefined {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1]?.trim();
  if (title) return title;
  const visible = html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .trim();
  return visible || undefined;
}

function truncate(message: string): string {
  return message.length <= MAX_LENGTH ? message : `${message.slice(0, MAX_LENGTH - 1)}…`;
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}
