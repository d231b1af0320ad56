import { type ActionContext, Auth, createHttpClient, type HttpClient, serviceUrlOf } from '@mova/sdk';
import { AIRTABLE_API_URL, type AirtableConnection, connectionFields } from './connection.js';
import { airtableErrors } from './errors.js';

/** The bearer scheme the client puts on requests (the connector's own auth adds the connection test). */
const bearer = Auth.bearer({ fields: connectionFields });

/** Airtable's batch endpoints take at most this many records per request. */
export const BATCH_SIZE = 10;

/**
 * An HTTP client for Airtable's Web API with the connection's token. Airtable's `airtable` npm package
 * (0.12.2) has neither the metadata API nor upserts, pins @types/node below 15 and ships its own
 * node-fetch 2, so the connector uses the SDK's HTTP helper. Airtable allows 5 requests per second per
 * base; the client keeps to that.
 * @example
 * const page = await callAirtable(auth, ctx, (http) => http.get(`/${baseId}/${table}`));
 */
export function callAirtable<T>(
  connection: AirtableConnection,
  ctx: ActionContext | undefined,
  call: (http: HttpClient) => Promise<T>,
): Promise<T> {
  const http = createHttpClient({
    baseUrl: serviceUrlOf(connection.apiUrl, AIRTABLE_API_URL),
    auth: { definition: bearer, value: connection },
    throttle: { requests: 5, perMs: 1000 },
    signal: ctx?.signal,
    actionKey: ctx?.actionKey,
  });
  return airtableErrors.call(ctx?.actionKey, () => call(http));
}

/** `/{baseId}/{table}` with the table name escaped (names may hold spaces and slashes). */
export function tablePath(baseId: string, table: string): string {
  return `/${baseId}/${encodeURIComponent(table)}`;
}

/** Splits `items` into Airtable-sized batches. */
export function chunks<T>(items: readonly T[], size = BATCH_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
