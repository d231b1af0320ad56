import { type Static, Type } from '@mova/sdk';
import { awsConnectionFields } from '@mova/sdk/aws';

export const connectionFields = Type.Object(
  awsConnectionFields({
    endpointExamples:
      'e.g. LocalStack (http://localhost:4566) or a VPC endpoint (https://vpce-….lambda.us-east-1.vpce.amazonaws.com)',
  }),
);

export type LambdaConnection = Static<typeof connectionFields>;
