import { defineConnector } from '@mova/sdk';
import { createSasUrl } from './actions/create-sas-url.js';
import { deleteBlob } from './actions/delete-blob.js';
import { downloadBlob } from './actions/download-blob.js';
import { listBlobs } from './actions/list-blobs.js';
import { listContainers } from './actions/list-containers.js';
import { uploadBlob } from './actions/upload-blob.js';
import { auth } from './auth.js';
import { PUBLIC_BLOB_HOSTS } from './client.js';

export default defineConnector({
  name: 'azure-blob',
  title: 'Azure Blob Storage',
  description:
    'List, upload, download and delete blobs in Azure Storage accounts, and hand out time-limited SAS links.',
  categories: ['storage', 'cloud'],
  auth,
  actions: [listContainers, listBlobs, uploadBlob, downloadBlob, deleteBlob, createSasUrl],
  network: {
    allow: [PUBLIC_BLOB_HOSTS, 'login.microsoftonline.com'],
    // Sovereign clouds, custom domains, private endpoints and emulators: the hosts the connection names.
    connectionHosts: ['accountUrl', 'authorityHost'],
  },
});
