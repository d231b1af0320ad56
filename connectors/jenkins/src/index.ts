import { defineConnector } from '@mova/sdk';
import { buildJob } from './actions/build-job.js';
import { getBuild } from './actions/get-build.js';
import { getBuildLog } from './actions/get-build-log.js';
import { getQueueItem } from './actions/get-queue-item.js';
import { listJobs } from './actions/list-jobs.js';
import { stopBuild } from './actions/stop-build.js';
import { auth } from './auth.js';
import { buildFinished } from './triggers/build-finished.js';

export default defineConnector({
  name: 'jenkins',
  title: 'Jenkins',
  description:
    'Trigger Jenkins jobs with parameters, follow the queue item to its build number, read build status and console logs, stop builds, list jobs in folders, and start workflows on finished builds.',
  categories: ['devops', 'ci-cd'],
  auth,
  actions: [buildJob, getQueueItem, getBuild, getBuildLog, stopBuild, listJobs],
  triggers: [buildFinished],
  // Jenkins is self-hosted: the only host is the one serverUrl names.
  network: { allow: [], connectionHosts: ['serverUrl'] },
});
