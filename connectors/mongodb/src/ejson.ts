import { ConnectorError } from '@mova/sdk';
import { BSON, type Document } from 'mongodb';

/**
 * Reads a JSON value as Extended JSON, so `{"$oid": "…"}` becomes an ObjectId and
 * `{"$date": "2024-01-01T00:00:00Z"}` a Date, while query operators such as `$gt` pass through.
 */
export function fromEjson(value: Record<string, unknown>, field: string, actionKey: string): Document {
  try {
    return BSON.EJSON.deserialize(value);
  } catch (error) {
    throw new ConnectorError(
      `${field} is not valid Extended JSON: ${error instanceof Error ? error.message : String(error)}`,
      { kind: 'invalid_input', actionKey, cause: error },
      'Write ObjectIds as {"$oid": "<24 hex digits>"} and dates as {"$date": "<ISO 8601>"}.',
    );
  }
}

/** Writes BSON values as relaxed Extended JSON: plain JSON, with ObjectIds and dates as `$oid`/`$date`. */
export function toEjson(value: unknown): unknown {
  return BSON.EJSON.serialize({ value }, { relaxed: true }).value;
}

/** `toEjson` for a document. */
export function documentToEjson(document: Document): Record<string, unknown> {
  return BSON.EJSON.serialize(document, { relaxed: true });
}
