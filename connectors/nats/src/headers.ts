import { Type } from '@mova/sdk';
import { headers as createHeaders, type MsgHdrs } from '@nats-io/transport-node';

export const headersInput = Type.Record(
  Type.String({ minLength: 1, pattern: '^[^:\\s]+$' }),
  Type.Union([Type.String(), Type.Array(Type.String())]),
  { description: 'NATS headers: name to value (a list sends the name once per value)' },
);

export const headersOutput = Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]), {
  description: 'Headers: name to value, or to a list when the name came more than once',
});

type HeaderRecord = Record<string, string | string[]>;

/** Builds NATS headers from a record; undefined when there is nothing to send. */
export function toHeaders(record: HeaderRecord | undefined, extra: HeaderRecord = {}): MsgHdrs | undefined {
  const entries = Object.entries({ ...record, ...extra });
  if (entries.length === 0) return undefined;
  const h = createHeaders();
  for (const [name, value] of entries) {
    for (const item of Array.isArray(value) ? value : [value]) h.append(name, item);
  }
  return h;
}

/** The headers of a received message as a plain record (status lines such as 503 are not headers). */
export function fromHeaders(h: MsgHdrs | undefined): HeaderRecord | undefined {
  if (!h) return undefined;
  const record: HeaderRecord = {};
  for (const name of h.keys()) {
    const values = h.values(name);
    record[name] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return Object.keys(record).length > 0 ? record : undefined;
}

/** The Content-Type header of a message, whatever its case. */
export function contentTypeOf(h: MsgHdrs | undefined): string | undefined {
  if (!h) return undefined;
  for (const name of h.keys()) if (name.toLowerCase() === 'content-type') return h.get(name);
  return undefined;
}
