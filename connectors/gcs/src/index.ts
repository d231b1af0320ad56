import { defineConnector } from '@mova/sdk';
import { createSignedUrl } from './actions/create-signed-url.js';
import { deleteObject } from './actions/delete-object.js';
import { downloadObject } from './actions/download-object.js';
import { listBuckets } from './actions/list-buckets.js';
import { listObjects } from './actions/list-objects.js';
import { uploadObject } from './actions/upload-object.js';
import { auth } from './auth.js';

export default defineConnector({
  name: 'gcs',
  title: 'Google Cloud Storage',
  description: 'List, upload, download and delete objects in Cloud Storage buckets, and hand out V4 signed URLs.',
  categories: ['storage', 'cloud'],
  auth,
  actions: [listBuckets, listObjects, uploadObject, downloadObject, deleteObject, createSignedUrl],
  network: {
    allow: ['storage.googleapis.com', 'oauth2.googleapis.com'],
    // Regional and Private Service Connect endpoints, and emulators: the hosts the connection names.
    connectionHosts: ['apiEndpoint', 'tokenUri'],
  },
});
