import { NumberValue } from '@aws-sdk/lib-dynamodb';

/** A JSON value, what step outputs hold. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * An item as the document client unmarshalled it, as JSON: numbers as numbers while that keeps
 * them exact, else as their decimal string; string, number and binary sets as arrays; binary as
 * base64.
 * @example toJson({ id: NumberValue.from('12345678901234567890'), tags: new Set(['a']) }) // { id: '12345678901234567890', tags: ['a'] }
 */
export function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return exactNumber(value.toString());
  if (value instanceof NumberValue) return exactNumber(value.toString());
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Set || Array.isArray(value)) return [...value].map(toJson);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toJson(inner)]));
  }
  return String(value);
}

/** An item (attribute map) as JSON. */
export function itemJson(item: Record<string, unknown> | undefined): Record<string, Json> | null {
  if (!item) return null;
  return Object.fromEntries(Object.entries(item).map(([key, value]) => [key, toJson(value)]));
}

/** A DynamoDB number (up to 38 digits) as a JS number when that round-trips exactly, else the string. */
function exactNumber(text: string): number | string {
  const number = Number(text);
  return Number.isFinite(number) && sameDecimal(String(number), text) ? number : text;
}

function sameDecimal(a: string, b: string): boolean {
  const canonical = (s: string) => {
    if (/e/i.test(s)) return String(Number(s));
    const [int = '', frac = ''] = s.replace(/^\+/, '').split('.');
    const sign = int.startsWith('-') ? '-' : '';
    const digits = int.replace(/^-/, '').replace(/^0+(?=\d)/, '');
    const fraction = frac.replace(/0+$/, '');
    return `${sign}${digits}${fraction ? `.${fraction}` : ''}`;
  };
  return canonical(a) === canonical(b);
}
