import { defineConnector } from '@mova/sdk';
import { deleteContacts } from './actions/delete-contacts.js';
import { getContactsByEmail } from './actions/get-contacts-by-email.js';
import { getImportStatus } from './actions/get-import-status.js';
import { listLists } from './actions/list-lists.js';
import { searchContacts } from './actions/search-contacts.js';
import { sendEmail } from './actions/send-email.js';
import { upsertContacts } from './actions/upsert-contacts.js';
import { auth } from './auth.js';

export default defineConnector({
  name: 'sendgrid',
  title: 'SendGrid',
  description:
    'Send email with Twilio SendGrid (dynamic templates, attachments, categories, scheduling) and manage Marketing Campaigns contacts: add or update, search with SGQL, look up by email, delete, follow import jobs and list contact lists.',
  categories: ['communication', 'email', 'marketing'],
  auth,
  actions: [sendEmail, upsertContacts, searchContacts, getContactsByEmail, getImportStatus, deleteContacts, listLists],
  triggers: [],
  // Global and EU data residency hosts; apiUrl names a proxy.
  network: { allow: ['api.sendgrid.com', 'api.eu.sendgrid.com'], connectionHosts: ['apiUrl'] },
});
