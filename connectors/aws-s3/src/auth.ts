import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { Auth } from '@mova/sdk';
import { withS3 } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // ListBuckets: one signed request that proves the keys (and the role, when one is assumed), the
  // region and the endpoint. A key limited to named buckets may lack s3:ListAllMyBuckets; then
  // the test fails with an access-denied error that says so.
  validate: async (connection) => {
    await withS3(connection, {}, (s3, options) => s3.send(new ListBucketsCommand({ MaxBuckets: 1 }), options));
  },
});
