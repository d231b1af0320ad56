import { Type } from '@mova/sdk';

export const topicArnField = (description = 'ARN of the topic, e.g. arn:aws:sns:us-east-1:123456789012:orders') =>
  Type.String({ pattern: '^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?$', description });

export const nextTokenField = () =>
  Type.Optional(Type.String({ minLength: 1, description: 'nextToken of a previous call, to read on from there' }));

export const limitField = (what: string) =>
  Type.Integer({
    minimum: 1,
    maximum: 10000,
    default: 1000,
    description: `Most ${what} to return, over as many pages as that takes (default 1000)`,
  });
