import { defineConnector } from '@mova/sdk';
import { bulkOperations } from './actions/bulk-operations.js';
import { countDocuments } from './actions/count-documents.js';
import { createIndex } from './actions/create-index.js';
import { deleteDocument } from './actions/delete-document.js';
import { getDocument } from './actions/get-document.js';
import { indexDocument } from './actions/index-document.js';
import { searchDocuments } from './actions/search-documents.js';
import { updateDocument } from './actions/update-document.js';
import { auth } from './auth.js';
import { ELASTIC_CLOUD_DOMAINS } from './connection.js';
import { newDocuments } from './triggers/new-documents.js';

export default defineConnector({
  name: 'elasticsearch',
  title: 'Elasticsearch',
  description:
    'Index, get, update and delete documents, search with the query DSL, count, run bulk operations and create indices in Elasticsearch (self-managed or Elastic Cloud), and start workflows on new documents.',
  categories: ['database', 'search'],
  auth,
  actions: [
    indexDocument,
    getDocument,
    updateDocument,
    deleteDocument,
    searchDocuments,
    countDocuments,
    bulkOperations,
    createIndex,
  ],
  triggers: [newDocuments],
  // A self-managed cluster is reached at the host its node URL names; Elastic Cloud deployments
  // named by a Cloud ID live under these domains (client.ts checks the Cloud ID names one).
  network: { allow: ELASTIC_CLOUD_DOMAINS.map((domain) => `*.${domain}`), connectionHosts: ['node'] },
});
