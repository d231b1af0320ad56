import { defineConnector } from '@mova/sdk';
import { addSheet } from './actions/add-sheet.js';
import { appendRows } from './actions/append-rows.js';
import { clearRange } from './actions/clear-range.js';
import { createSpreadsheet } from './actions/create-spreadsheet.js';
import { deleteRows } from './actions/delete-rows.js';
import { findRows } from './actions/find-rows.js';
import { listSheets } from './actions/list-sheets.js';
import { readRows } from './actions/read-rows.js';
import { updateRow } from './actions/update-row.js';
import { auth } from './auth.js';
import { newRows } from './triggers/new-rows.js';

export default defineConnector({
  name: 'google-sheets',
  title: 'Google Sheets',
  description:
    'Append, read, find, update, clear and delete rows of Google Sheets by their header row, list and add sheets, create spreadsheets, and start workflows on new rows.',
  categories: ['productivity', 'spreadsheet'],
  auth,
  actions: [appendRows, readRows, findRows, updateRow, clearRange, deleteRows, listSheets, addSheet, createSpreadsheet],
  triggers: [newRows],
  network: {
    allow: ['sheets.googleapis.com', 'oauth2.googleapis.com'],
    // Private Service Connect endpoints (and a test's loopback server): the hosts the connection names.
    connectionHosts: ['apiUrl', 'tokenUrl'],
  },
});
