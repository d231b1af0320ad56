import { Type } from '@mova/sdk';

/** A subject to publish to: dot-separated tokens, no wildcards or whitespace. */
export const subjectSchema = (description: string) =>
  Type.String({ minLength: 1, maxLength: 4096, pattern: '^[^\\s*>.]+(\\.[^\\s*>.]+)*$', description });

/** A subject filter: `*` matches one token, `>` the rest. */
export const filterSchema = (description: string) =>
  Type.String({
    minLength: 1,
    maxLength: 4096,
    pattern: '^([^\\s*>.]+|\\*)(\\.([^\\s*>.]+|\\*))*(\\.>)?$|^>$',
    description,
  });
