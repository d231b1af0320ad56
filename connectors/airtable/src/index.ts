import { defineConnector } from '@mova/sdk';
import { createRecords } from './actions/create-records.js';
import { deleteRecords } from './actions/delete-records.js';
import { getRecord } from './actions/get-record.js';
import { listBases } from './actions/list-bases.js';
import { listRecords } from './actions/list-records.js';
import { listTables } from './actions/list-tables.js';
import { updateRecords } from './actions/update-records.js';
import { upsertRecords } from './actions/upsert-records.js';
import { auth } from './auth.js';
import { newRecord } from './triggers/new-record.js';

export default defineConnector({
  name: 'airtable',
  title: 'Airtable',
  description:
    'List, read, create, update, upsert and delete Airtable records, list bases and tables, and react to new records.',
  categories: ['productivity', 'spreadsheet', 'database'],
  auth,
  actions: [listRecords, getRecord, createRecords, updateRecords, upsertRecords, deleteRecords, listBases, listTables],
  triggers: [newRecord],
  // A gateway or proxy in front of the API is reached through the connection's apiUrl.
  network: { allow: ['api.airtable.com'], connectionHosts: ['apiUrl'] },
});
