import { defineConnector } from '@mova/sdk';
import { createFolder } from './actions/create-folder.js';
import { deleteFile } from './actions/delete-file.js';
import { deleteFolder } from './actions/delete-folder.js';
import { downloadFile } from './actions/download-file.js';
import { getFileInfo } from './actions/get-file-info.js';
import { listFiles } from './actions/list-files.js';
import { renameFile } from './actions/rename-file.js';
import { uploadFile } from './actions/upload-file.js';
import { auth } from './auth.js';
import { newFile } from './triggers/new-file.js';

export default defineConnector({
  name: 'ftp',
  title: 'FTP',
  description:
    'List, upload, download, rename and delete files and folders on FTP and FTPS servers (explicit or implicit TLS), and start workflows on new files.',
  categories: ['files'],
  auth,
  actions: [listFiles, getFileInfo, uploadFile, downloadFile, renameFile, deleteFile, createFolder, deleteFolder],
  triggers: [newFile],
  network: { allow: [], connectionHosts: ['host'] },
});
