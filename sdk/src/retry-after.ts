/**
 * Reads a `Retry-After` value (RFC 9110 §10.2.3) as whole seconds to wait: delay-seconds
 * (`"120"`) or an HTTP date (`"Wed, 21 Oct 2015 07:28:00 GMT"`), counted from `now` and rounded
 * up, never negative. A number is taken as seconds already (some vendor SDKs parse the header
 * themselves). `undefined` when the value is absent or unreadable.
 *
 * Seconds, because that is what `ConnectorError.retryAfter` carries and what the runtime
 * schedules by; the HTTP client multiplies by 1000 for its own waits.
 * @example
 * parseRetryAfter('30') // 30
 * parseRetryAfter(response.headers.get('retry-after')) // seconds until the date, or undefined
 */
export function parseRetryAfter(
  value: string | number | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.ceil(value) : undefined;
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  // An HTTP date starts with its weekday (Date.parse alone would read "1.5" as a date). Of the three
  // forms a recipient must accept, asctime's carries no zone: it is GMT too.
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  const at = Date.parse(/GMT$/i.test(text) ? text : `${text} GMT`);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
