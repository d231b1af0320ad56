import { defineConnector } from '@mova/sdk';
import { AWS_CONNECTION_HOSTS, AWS_HOSTS } from '@mova/sdk/aws';
import { copyObject } from './actions/copy-object.js';
import { createBucket } from './actions/create-bucket.js';
import { createPresignedUrl } from './actions/create-presigned-url.js';
import { deleteObject } from './actions/delete-object.js';
import { getObject } from './actions/get-object.js';
import { headObject } from './actions/head-object.js';
import { listBuckets } from './actions/list-buckets.js';
import { listObjects } from './actions/list-objects.js';
import { putObject } from './actions/put-object.js';
import { auth } from './auth.js';
import { newObjects } from './triggers/new-objects.js';

export default defineConnector({
  name: 'aws-s3',
  title: 'Amazon S3',
  description:
    'List, read, write, copy and delete objects in Amazon S3 (or an S3-compatible store such as MinIO or Cloudflare R2), create presigned download and upload URLs, manage buckets, and start workflows on new objects.',
  categories: ['storage', 'cloud'],
  auth,
  actions: [
    listBuckets,
    createBucket,
    listObjects,
    putObject,
    getObject,
    headObject,
    copyObject,
    deleteObject,
    createPresignedUrl,
  ],
  triggers: [newObjects],
  // AWS's endpoints (regional, virtual-hosted buckets, STS); a custom endpoint (MinIO, R2, an
  // emulator) and a custom STS endpoint are the hosts the connection names.
  network: { allow: [...AWS_HOSTS], connectionHosts: [...AWS_CONNECTION_HOSTS] },
});
