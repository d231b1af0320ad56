import { defineConnector } from '@mova/sdk';
import { aggregateDocuments } from './actions/aggregate-documents.js';
import { deleteDocuments } from './actions/delete-documents.js';
import { findDocuments } from './actions/find-documents.js';
import { insertDocument } from './actions/insert-document.js';
import { insertDocuments } from './actions/insert-documents.js';
import { updateDocuments } from './actions/update-documents.js';
import { auth } from './auth.js';

export default defineConnector({
  name: 'mongodb',
  title: 'MongoDB',
  description:
    'Find, insert, update, delete and aggregate MongoDB documents, with Extended JSON for ObjectIds and dates.',
  categories: ['database'],
  auth,
  actions: [findDocuments, insertDocument, insertDocuments, updateDocuments, deleteDocuments, aggregateDocuments],
  network: { allow: [], connectionHosts: ['uri'] },
});
