import { defineConnector } from '@mova/sdk';
import { copyFile } from './actions/copy-file.js';
import { createFolder } from './actions/create-folder.js';
import { deleteFile } from './actions/delete-file.js';
import { downloadFile } from './actions/download-file.js';
import { getFile } from './actions/get-file.js';
import { listFiles } from './actions/list-files.js';
import { moveFile } from './actions/move-file.js';
import { shareFile } from './actions/share-file.js';
import { uploadFile } from './actions/upload-file.js';
import { auth } from './auth.js';
import { newFiles } from './triggers/new-files.js';

export default defineConnector({
  name: 'google-drive',
  title: 'Google Drive',
  description:
    'List, search, upload, download (and export), copy, move, share and delete files in Google Drive, create folders, and start workflows on new files.',
  categories: ['storage', 'productivity'],
  auth,
  actions: [listFiles, getFile, uploadFile, downloadFile, copyFile, moveFile, shareFile, deleteFile, createFolder],
  triggers: [newFiles],
  network: {
    allow: ['www.googleapis.com', 'oauth2.googleapis.com'],
    // Private Service Connect endpoints (and a test's loopback server): the hosts the connection names.
    connectionHosts: ['apiUrl', 'tokenUrl'],
  },
});
