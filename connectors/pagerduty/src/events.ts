import type { ActionContext } from '@mova/sdk';
import { routingKeyOf, withEvents } from './client.js';
import type { PagerdutyConnection } from './connection.js';
import { fieldsOf } from './schemas.js';

/**
 * Sends one event to the Events API v2 (`POST /v2/enqueue`) and reads its `202 Accepted` answer
 * `{ status, message, dedup_key }`.
 */
export async function sendEvent(
  connection: PagerdutyConnection,
  ctx: ActionContext,
  routingKey: string | undefined,
  event: Record<string, unknown>,
): Promise<{ status: string; message: string; dedupKey: string }> {
  const body = { routing_key: routingKeyOf(routingKey, connection, ctx.actionKey), ...event };
  const { data } = await withEvents(connection, ctx, (http) => http.post('/v2/enqueue', { json: body }));
  const answer = fieldsOf(data);
  return {
    status: String(answer.status ?? ''),
    message: String(answer.message ?? ''),
    dedupKey: String(answer.dedup_key ?? ''),
  };
}
