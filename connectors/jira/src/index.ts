import { defineConnector } from '@mova/sdk';
import { addAttachment } from './actions/add-attachment.js';
import { addComment } from './actions/add-comment.js';
import { assignIssue } from './actions/assign-issue.js';
import { createIssue } from './actions/create-issue.js';
import { findUsers } from './actions/find-users.js';
import { getIssue } from './actions/get-issue.js';
import { listProjects } from './actions/list-projects.js';
import { searchIssuesAction } from './actions/search-issues.js';
import { transitionIssue } from './actions/transition-issue.js';
import { updateIssue } from './actions/update-issue.js';
import { auth } from './auth.js';
import { JIRA_CLOUD_HOSTS } from './connection.js';
import { issueCreated } from './triggers/issue-created.js';
import { issueUpdated } from './triggers/issue-updated.js';

export default defineConnector({
  name: 'jira',
  title: 'Jira',
  description:
    'Create, read, update, transition, assign, comment on and attach files to Jira issues, search them with JQL, find users and list projects, on Jira Cloud or Data Center; start workflows on new or updated issues.',
  categories: ['project-management', 'issue-tracking', 'devops'],
  auth,
  actions: [
    createIssue,
    getIssue,
    updateIssue,
    transitionIssue,
    searchIssuesAction,
    addComment,
    assignIssue,
    addAttachment,
    findUsers,
    listProjects,
  ],
  triggers: [issueCreated, issueUpdated],
  // Cloud sites are under atlassian.net; a Data Center server (or a custom domain) is the host siteUrl names.
  network: { allow: [...JIRA_CLOUD_HOSTS], connectionHosts: ['siteUrl'] },
});
