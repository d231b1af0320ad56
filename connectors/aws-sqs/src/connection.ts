import { type Static, Type } from '@mova/sdk';
import { awsConnectionFields } from '@mova/sdk/aws';

export const connectionFields = Type.Object(
  awsConnectionFields({
    endpointExamples:
      'e.g. ElasticMQ or LocalStack (http://localhost:9324), or a VPC endpoint (https://vpce-….sqs.us-east-1.vpce.amazonaws.com)',
  }),
);

export type SqsConnection = Static<typeof connectionFields>;
