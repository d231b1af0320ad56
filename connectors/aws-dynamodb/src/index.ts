import { defineConnector } from '@mova/sdk';
import { AWS_CONNECTION_HOSTS, AWS_HOSTS } from '@mova/sdk/aws';
import { batchWrite } from './actions/batch-write.js';
import { deleteItem } from './actions/delete-item.js';
import { getItem } from './actions/get-item.js';
import { listTables } from './actions/list-tables.js';
import { putItem } from './actions/put-item.js';
import { queryItems } from './actions/query-items.js';
import { scanItems } from './actions/scan-items.js';
import { updateItem } from './actions/update-item.js';
import { auth } from './auth.js';

export default defineConnector({
  name: 'aws-dynamodb',
  title: 'Amazon DynamoDB',
  description:
    'Get, put, update and delete DynamoDB items with condition expressions, query by key, scan with filters (paged by lastEvaluatedKey), batch-write many items with unprocessed ones retried, and list tables.',
  categories: ['database', 'cloud'],
  auth,
  actions: [listTables, putItem, getItem, updateItem, queryItems, scanItems, batchWrite, deleteItem],
  // AWS's regional endpoints (dynamodb.<region>.amazonaws.com, STS); a custom endpoint (DynamoDB
  // local, LocalStack, a VPC endpoint) and a custom STS endpoint are the hosts the connection names.
  network: { allow: [...AWS_HOSTS], connectionHosts: [...AWS_CONNECTION_HOSTS] },
});
