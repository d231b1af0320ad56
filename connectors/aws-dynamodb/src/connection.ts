import { type Static, Type } from '@mova/sdk';
import { awsConnectionFields } from '@mova/sdk/aws';

export const connectionFields = Type.Object(
  awsConnectionFields({
    endpointExamples:
      'e.g. DynamoDB local or LocalStack (http://localhost:8000), or a VPC endpoint (https://vpce-….dynamodb.us-east-1.vpce.amazonaws.com)',
  }),
);

export type DynamoDbConnection = Static<typeof connectionFields>;
