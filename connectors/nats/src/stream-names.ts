import { Type } from '@mova/sdk';

// Stream, consumer and bucket names may not hold whitespace, `.`, `*`, `>`, path separators or controls.
const NAME = '^[^\\s.*>/\\\\\\x00-\\x1f]+$';

export const streamName = Type.String({
  minLength: 1,
  maxLength: 255,
  pattern: NAME,
  description: 'Stream name, e.g. `ORDERS`',
});
export const consumerName = Type.String({
  minLength: 1,
  maxLength: 255,
  pattern: NAME,
  description: 'Name of a durable pull consumer on the stream',
});
export const bucketName = Type.String({
  minLength: 1,
  maxLength: 255,
  pattern: '^[a-zA-Z0-9_-]+$',
  description: 'Key-value bucket name, e.g. `config`',
});
export const keyName = Type.String({
  minLength: 1,
  maxLength: 4096,
  pattern: '^[-/_=.a-zA-Z0-9]+$',
  description: 'Key; letters, digits and `-/_=.`, with `.` separating levels (e.g. `tenants.acme.plan`)',
});
