import { randomBytes } from 'node:crypto';
import type { RedisClient } from 'bullmq';
import { ApprovalTokens } from '../engine/approval-tokens.js';
import { QueueError } from './errors.js';

/**
 * The approval tokens of a queue deployment: workers sign the links of the runs they pause and any
 * server checks them, so all share one secret, kept beside the queue (`<prefix>:approval-secret`)
 * and made by whoever needs it first. A Redis that loses its data loses the queue and this secret
 * with it: links handed out before then answer 403 (decide through the API instead).
 */
export async function sharedApprovalTokens(client: RedisClient, prefix: string): Promise<ApprovalTokens> {
  const key = approvalSecretKey(prefix);
  if (!canSetIfAbsent(client)) {
    throw new QueueError(
      'E_QUEUE_APPROVAL_SECRET',
      'the Redis client cannot set a key only when absent (SETNX)',
      'Use the ioredis client BullMQ ships with.',
    );
  }
  // Atomic: two processes starting at once keep the first one's secret.
  await client.setnx(key, randomBytes(32).toString('hex'));
  const hex = await client.get(key);
  if (hex === null || !/^[0-9a-f]{64,}$/.test(hex)) {
    throw new QueueError(
      'E_QUEUE_APPROVAL_SECRET',
      `Redis key ${key} does not hold an approval secret (64+ hex digits)`,
      'Delete the key: the next server or worker makes a new secret, and approval links sent before stop working.',
    );
  }
  return new ApprovalTokens(Buffer.from(hex, 'hex'));
}

/** Where the approval-link secret is kept. */
export function approvalSecretKey(prefix: string): string {
  return `${prefix}:approval-secret`;
}

/** Where serve's public URL is kept for the workers that write approval links. */
export function publicUrlKey(prefix: string): string {
  return `${prefix}:public-url`;
}

/** BullMQ types its client narrowly; the ioredis client under it has SETNX. */
function canSetIfAbsent(
  client: RedisClient,
): client is RedisClient & { setnx(key: string, value: string): Promise<number> } {
  return typeof (client as Partial<{ setnx: unknown }>).setnx === 'function';
}
