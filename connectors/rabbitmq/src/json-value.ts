/**
 * Makes an AMQP field value (headers, arguments) JSON-safe: byte arrays become base64, 64-bit
 * integers beyond the safe range become strings, timestamps ISO text.
 */
function toJsonValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === 'object') return toJsonObject({ ...value });
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return value;
}

/** `toJsonValue` for a table (headers, arguments), keeping its object type. */
export function toJsonObject(table: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(table).map(([key, item]) => [key, toJsonValue(item)]));
}
