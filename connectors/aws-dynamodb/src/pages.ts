import { Type } from '@mova/sdk';
import { itemJson, type Json } from './json.js';

export const limitField = () =>
  Type.Integer({
    minimum: 1,
    maximum: 10000,
    default: 100,
    description: 'Most items to read, over as many pages as that takes (default 100); with a filter, fewer may match',
  });

export const startKeyField = () =>
  Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), {
      description: 'lastEvaluatedKey of a previous call, to read on from there',
    }),
  );

export const pageOutput = Type.Object({
  items: Type.Array(Type.Record(Type.String(), Type.Unknown()), {
    description: 'Items read (and matching the filter)',
  }),
  count: Type.Integer({ minimum: 0, description: 'Number of items returned' }),
  scannedCount: Type.Integer({
    minimum: 0,
    description: 'Items DynamoDB read before the filter (what capacity paid for)',
  }),
  lastEvaluatedKey: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), {
      description: 'Where to go on from (pass as exclusiveStartKey); absent when everything was read',
    }),
  ),
});

interface Page {
  Items?: Record<string, unknown>[];
  ScannedCount?: number;
  LastEvaluatedKey?: Record<string, unknown>;
}

/**
 * Reads pages until `limit` items were evaluated or the table or index ends. Each page asks
 * DynamoDB to evaluate only what the limit leaves, so `lastEvaluatedKey` resumes exactly after the
 * last item this call saw.
 */
export async function readPages(
  limit: number,
  startKey: Record<string, unknown> | undefined,
  page: (request: { Limit: number; ExclusiveStartKey?: Record<string, unknown> }) => Promise<Page>,
): Promise<{
  items: Record<string, Json>[];
  count: number;
  scannedCount: number;
  lastEvaluatedKey?: Record<string, Json>;
}> {
  const items: Record<string, Json>[] = [];
  let scanned = 0;
  let next = startKey;
  do {
    const answer = await page({ Limit: limit - scanned, ...(next ? { ExclusiveStartKey: next } : {}) });
    for (const item of answer.Items ?? []) items.push(itemJson(item) ?? {});
    scanned += answer.ScannedCount ?? answer.Items?.length ?? 0;
    next = answer.LastEvaluatedKey;
  } while (next && scanned < limit);
  const lastEvaluatedKey = itemJson(next);
  return { items, count: items.length, scannedCount: scanned, ...(lastEvaluatedKey ? { lastEvaluatedKey } : {}) };
}
