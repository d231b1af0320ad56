import { defineConnector } from '@mova/sdk';
import { createFolder } from './actions/create-folder.js';
import { deleteFile } from './actions/delete-file.js';
import { deleteFolder } from './actions/delete-folder.js';
import { downloadFile } from './actions/download-file.js';
import { getFileInfo } from './actions/get-file-info.js';
import { listFiles } from './actions/list-files.js';
import { moveFile } from './actions/move-file.js';
import { uploadFile } from './actions/upload-file.js';
import { auth } from './auth.js';
import { newFile } from './triggers/new-file.js';

export default defineConnector({
  name: 'sftp',
  title: 'SFTP',
  description:
    'List, upload, download, move, rename and delete files and folders on SFTP servers, with password or private key login, and start workflows on new files.',
  categories: ['files'],
  auth,
  actions: [listFiles, getFileInfo, uploadFile, downloadFile, moveFile, deleteFile, createFolder, deleteFolder],
  triggers: [newFile],
  network: { allow: [], connectionHosts: ['host'] },
});
