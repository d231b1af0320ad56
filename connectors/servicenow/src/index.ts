import { defineConnector } from '@mova/sdk';
import { createIncident } from './actions/create-incident.js';
import { createRecord } from './actions/create-record.js';
import { deleteRecord } from './actions/delete-record.js';
import { downloadAttachment } from './actions/download-attachment.js';
import { getRecord } from './actions/get-record.js';
import { listAttachments } from './actions/list-attachments.js';
import { queryRecords } from './actions/query-records.js';
import { resolveIncident } from './actions/resolve-incident.js';
import { updateRecord } from './actions/update-record.js';
import { uploadAttachment } from './actions/upload-attachment.js';
import { auth } from './auth.js';
import { SERVICENOW_HOSTS } from './connection.js';
import { recordCreated } from './triggers/record-created.js';
import { recordUpdated } from './triggers/record-updated.js';

export default defineConnector({
  name: 'servicenow',
  title: 'ServiceNow',
  description:
    'Create, read, update, delete and query records of any ServiceNow table, create and resolve incidents, upload, list and download attachments, and start workflows on new or updated records.',
  categories: ['itsm', 'service-management', 'devops'],
  auth,
  actions: [
    createRecord,
    getRecord,
    updateRecord,
    deleteRecord,
    queryRecords,
    createIncident,
    resolveIncident,
    uploadAttachment,
    listAttachments,
    downloadAttachment,
  ],
  triggers: [recordCreated, recordUpdated],
  // Instances hosted by ServiceNow; a self-hosted one, or a custom domain, is the host instanceUrl names.
  network: { allow: [...SERVICENOW_HOSTS], connectionHosts: ['instanceUrl'] },
});
