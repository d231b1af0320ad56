import { MovaError } from '@mova/sdk/host';

/**
 * Queue mode cannot work as asked: `E_QUEUE_URL` (not a redis:// URL), `E_QUEUE_UNREACHABLE`
 * (Redis does not answer), `E_QUEUE_RESUME` (a redelivered run cannot be taken over),
 * `E_QUEUE_APPROVAL_SECRET` (the approval secret kept in Redis is unusable).
 */
export class QueueError extends MovaError {}
