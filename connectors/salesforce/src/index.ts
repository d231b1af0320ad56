import { defineConnector } from '@mova/sdk';
import { bulkInsert } from './actions/bulk-insert.js';
import { createRecord } from './actions/create-record.js';
import { deleteRecord } from './actions/delete-record.js';
import { describeObject } from './actions/describe-object.js';
import { queryRecords } from './actions/query-records.js';
import { updateRecord } from './actions/update-record.js';
import { upsertRecord } from './actions/upsert-record.js';
import { auth } from './auth.js';

export default defineConnector({
  name: 'salesforce',
  title: 'Salesforce',
  description: 'Query, create, update, upsert and delete Salesforce records, describe objects and bulk-insert.',
  categories: ['crm', 'sales'],
  auth,
  actions: [queryRecords, createRecord, updateRecord, upsertRecord, deleteRecord, describeObject, bulkInsert],
  // My Domain hosts (acme.my.salesforce.com, sandboxes under *.sandbox.my.salesforce.com) and the
  // login hosts used to refresh tokens sit under these two domains; an org on another host (an
  // Experience Cloud site's own domain) is reached through the URLs its connection names.
  network: { allow: ['*.salesforce.com', '*.force.com'], connectionHosts: ['instanceUrl', 'loginUrl'] },
});
