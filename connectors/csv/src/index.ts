import { defineConnector } from '@mova/sdk';
import { appendRowsAction } from './actions/append-rows.js';
import { buildCsvAction } from './actions/build-csv.js';
import { inspectCsvAction } from './actions/inspect-csv.js';
import { parseCsvAction } from './actions/parse-csv.js';
import { auth } from './auth.js';

export default defineConnector({
  name: 'csv',
  title: 'CSV',
  description:
    'Parse CSV text or files into rows (headers, any delimiter, quoting, trimming, typed numbers, booleans and nulls), build CSV from rows, inspect a CSV and append rows to one.',
  categories: ['data-transformation', 'developer-tools'],
  auth,
  actions: [parseCsvAction, buildCsvAction, inspectCsvAction, appendRowsAction],
  // Everything happens on the step's own data inside the sandbox: no network at all.
  network: { allow: [] },
});
