import { Type } from '@mova/sdk';

export const topicFilterSchema = (description: string) =>
  Type.String({
    minLength: 1,
    maxLength: 65535,
    // `+` matches one level, `#` the rest, and each only as a whole level (MQTT 4.7.1).
    pattern: '^(?:(?:[^/#+]*|\\+)(?:/(?:[^/#+]*|\\+))*(?:/#)?|#)$',
    description,
  });
