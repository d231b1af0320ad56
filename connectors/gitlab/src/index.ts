import { defineConnector } from '@mova/sdk';
import { commentOnIssue } from './actions/comment-on-issue.js';
import { commentOnMergeRequest } from './actions/comment-on-merge-request.js';
import { createIssue } from './actions/create-issue.js';
import { createMergeRequest } from './actions/create-merge-request.js';
import { createPipeline } from './actions/create-pipeline.js';
import { getIssue } from './actions/get-issue.js';
import { getMergeRequest } from './actions/get-merge-request.js';
import { getPipeline } from './actions/get-pipeline.js';
import { getProject } from './actions/get-project.js';
import { listIssues } from './actions/list-issues.js';
import { listMergeRequests } from './actions/list-merge-requests.js';
import { listPipelines } from './actions/list-pipelines.js';
import { mergeMergeRequest } from './actions/merge-merge-request.js';
import { updateIssue } from './actions/update-issue.js';
import { auth } from './auth.js';
import { newIssues } from './triggers/new-issues.js';
import { newMergeRequests } from './triggers/new-merge-requests.js';

export default defineConnector({
  name: 'gitlab',
  title: 'GitLab',
  description:
    'Create, update and comment on issues, open, merge and comment on merge requests, run and check CI/CD pipelines and read projects on GitLab.com or a self-managed instance, and start workflows on new issues and merge requests.',
  categories: ['developer-tools', 'devops'],
  auth,
  actions: [
    createIssue,
    getIssue,
    listIssues,
    updateIssue,
    commentOnIssue,
    createMergeRequest,
    getMergeRequest,
    listMergeRequests,
    mergeMergeRequest,
    commentOnMergeRequest,
    createPipeline,
    getPipeline,
    listPipelines,
    getProject,
  ],
  triggers: [newIssues, newMergeRequests],
  // GitLab.com; a self-managed or Dedicated instance is reached at the host its connection's url names.
  network: { allow: ['gitlab.com'], connectionHosts: ['url'] },
});
