import { defineConnector } from '@mova/sdk';
import { createPage } from './actions/create-page.js';
import { getPage } from './actions/get-page.js';
import { listAttachments } from './actions/list-attachments.js';
import { listSpaces } from './actions/list-spaces.js';
import { searchPages } from './actions/search-pages.js';
import { updatePage } from './actions/update-page.js';
import { uploadAttachment } from './actions/upload-attachment.js';
import { auth } from './auth.js';
import { CONFLUENCE_CLOUD_HOSTS } from './connection.js';
import { pageUpdated } from './triggers/page-updated.js';

export default defineConnector({
  name: 'confluence',
  title: 'Confluence',
  description:
    'Create, read, update and search (CQL) Confluence Cloud pages, list spaces, list and upload page attachments, and start workflows on new or updated pages.',
  categories: ['documentation', 'knowledge-base', 'project-management'],
  auth,
  actions: [createPage, getPage, updatePage, searchPages, listSpaces, listAttachments, uploadAttachment],
  triggers: [pageUpdated],
  // Cloud sites are under atlassian.net; a site on a custom domain is the host siteUrl names.
  network: { allow: [...CONFLUENCE_CLOUD_HOSTS], connectionHosts: ['siteUrl'] },
});
