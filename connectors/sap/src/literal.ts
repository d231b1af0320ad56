import { ConnectorError, type Static, Type } from '@mova/sdk';

export type ODataVersion = 2 | 4;

/** A value whose OData type a plain JSON value cannot say (a GUID, a V2 DateTime, an Int64…). */
export const typedValue = Type.Object(
  {
    type: Type.Union(
      [
        Type.Literal('string'),
        Type.Literal('guid'),
        Type.Literal('datetime'),
        Type.Literal('datetimeoffset'),
        Type.Literal('date'),
        Type.Literal('time'),
        Type.Literal('decimal'),
        Type.Literal('int64'),
      ],
      {
        description:
          'The Edm type: guid, datetime (V2 Edm.DateTime), datetimeoffset, date, time, decimal, int64 or string',
      },
    ),
    value: Type.String({ minLength: 1, description: 'The value as text, e.g. 005056a2-…, 2024-01-31T00:00:00, 12.50' }),
  },
  { additionalProperties: false },
);

export const scalarValue = Type.Union([Type.String(), Type.Number(), Type.Boolean(), typedValue], {
  description:
    'A string, number or boolean, or { type, value } for GUIDs, dates, decimals and Int64 (strings are quoted, numbers are not)',
});

export type ScalarValue = Static<typeof scalarValue>;

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;
const INTEGER = /^-?[0-9]+$/;
const DATE_TIME = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?$/;
const DATE_TIME_OFFSET =
  /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2})$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/** Why a typed value cannot be written as a literal; a TypeError the actions turn into invalid input. */
function refuse(type: string, value: string, shape: string): never {
  throw new TypeError(`"${value}" is not a ${type} value; write it as ${shape}`);
}

/** A string in quotes, single quotes doubled (OData ABNF `SQUOTE-in-string`). */
export function quoted(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * The OData URL literal of a value, as it goes into a key predicate, a function's parameters or a
 * V2 function import's query. V2 marks types with prefixes and suffixes (guid'…', datetime'…',
 * 12.5M, 10L); V4 writes them bare.
 * @example literal("O'Neil", 4) // "'O''Neil'"
 * @example literal({ type: 'guid', value: '005056a2-0b8f-1eda-9ab7-8a3b6c1f0a11' }, 2) // "guid'005056a2-…'"
 */
export function literal(value: ScalarValue, version: ODataVersion): string {
  if (typeof value === 'string') return quoted(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${value} has no OData literal`);
    // A fraction in a key or parameter is an Edm.Decimal in SAP's services far more often than a Double.
    return Number.isInteger(value) || version === 4 ? String(value) : `${value}M`;
  }
  const text = value.value;
  switch (value.type) {
    case 'string':
      return quoted(text);
    case 'guid':
      if (!GUID.test(text)) refuse('guid', text, '8-4-4-4-12 hex digits');
      return version === 2 ? `guid'${text}'` : text;
    case 'decimal':
      if (!NUMBER.test(text)) refuse('decimal', text, 'digits with an optional . fraction');
      return version === 2 ? `${text}M` : text;
    case 'int64':
      if (!INTEGER.test(text)) refuse('int64', text, 'digits');
      return version === 2 ? `${text}L` : text;
    case 'datetime':
      if (!DATE_TIME.test(text)) refuse('datetime', text, 'YYYY-MM-DDThh:mm[:ss[.fffffff]] without a zone');
      return version === 2 ? `datetime'${text}'` : `${text}Z`;
    case 'datetimeoffset':
      if (!DATE_TIME_OFFSET.test(text)) refuse('datetimeoffset', text, 'YYYY-MM-DDThh:mm:ssZ or with ±hh:mm');
      return version === 2 ? `datetimeoffset'${text}'` : text;
    case 'date':
      if (!DATE.test(text)) refuse('date', text, 'YYYY-MM-DD');
      // V2 has no Edm.Date: SAP Gateway exposes dates as Edm.DateTime at midnight.
      return version === 2 ? `datetime'${text}T00:00:00'` : text;
    case 'time':
      if (version === 2) {
        if (!/^PT([0-9]+H)?([0-9]+M)?([0-9]+(\.[0-9]+)?S)?$/.test(text)) refuse('V2 time', text, 'PT10H30M0S');
        return `time'${text}'`;
      }
      if (!/^[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,12})?)?$/.test(text)) refuse('time', text, 'hh:mm[:ss]');
      return text;
  }
}

export const keyInput = Type.Union(
  [scalarValue, Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), scalarValue, { minProperties: 1 })],
  {
    description:
      'The key: one value for a single key property (42, "1000001"), or an object naming each property of a compound key ({ "SalesOrder": "1", "SalesOrderItem": "10" })',
  },
);

export type KeyInput = Static<typeof keyInput>;

function isTyped(value: unknown): value is Static<typeof typedValue> {
  return typeof value === 'object' && value !== null && 'type' in value && 'value' in value;
}

/**
 * The key predicate of an entity, percent-encoded for a URL path.
 * @example keyPredicate({ SalesOrder: '1', SalesOrderItem: '10' }, 2) // "(SalesOrder='1',SalesOrderItem='10')"
 */
export function keyPredicate(key: KeyInput, version: ODataVersion): string {
  if (typeof key !== 'object' || isTyped(key)) return `(${encodeURIComponent(literal(key, version))})`;
  const parts = Object.entries(key).map(([name, value]) => `${name}=${encodeURIComponent(literal(value, version))}`);
  return `(${parts.join(',')})`;
}

/** `/EntitySet(key)`; a value that is no literal of its type is the input's fault. */
export function entityPath(entitySet: string, key: KeyInput, version: ODataVersion, actionKey?: string): string {
  try {
    return `/${entitySet}${keyPredicate(key, version)}`;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    throw new ConnectorError(`the key of ${entitySet} is not valid: ${error.message}`, {
      kind: 'invalid_input',
      actionKey,
    });
  }
}
