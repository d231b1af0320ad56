import { defineConnector } from '@mova/sdk';
import { appendBlocks } from './actions/append-blocks.js';
import { archivePage } from './actions/archive-page.js';
import { createPage } from './actions/create-page.js';
import { getPage } from './actions/get-page.js';
import { queryDatabase } from './actions/query-database.js';
import { search } from './actions/search.js';
import { updatePage } from './actions/update-page.js';
import { auth } from './auth.js';
import { newDatabaseItems } from './triggers/new-database-items.js';

export default defineConnector({
  name: 'notion',
  title: 'Notion',
  description:
    'Create, read, update and archive pages and database items, query databases with filters and sorts, append content, search, and start workflows on new database items in Notion.',
  categories: ['productivity', 'notes'],
  auth,
  actions: [createPage, getPage, updatePage, archivePage, queryDatabase, appendBlocks, search],
  triggers: [newDatabaseItems],
  // api.notion.com unless the connection's apiUrl names a proxy or gateway in front of it.
  network: { allow: ['api.notion.com'], connectionHosts: ['apiUrl'] },
});
