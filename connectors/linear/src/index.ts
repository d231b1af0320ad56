import { defineConnector } from '@mova/sdk';
import { createComment } from './actions/create-comment.js';
import { createIssue } from './actions/create-issue.js';
import { getIssue } from './actions/get-issue.js';
import { listProjects } from './actions/list-projects.js';
import { listTeams } from './actions/list-teams.js';
import { searchIssues } from './actions/search-issues.js';
import { updateIssue } from './actions/update-issue.js';
import { auth } from './auth.js';
import { newIssues } from './triggers/new-issues.js';

export default defineConnector({
  name: 'linear',
  title: 'Linear',
  description:
    'Create, read, update and search issues, comment on them, list teams and projects, and start workflows on new issues in Linear.',
  categories: ['project-management', 'developer-tools'],
  auth,
  actions: [createIssue, getIssue, updateIssue, searchIssues, createComment, listTeams, listProjects],
  triggers: [newIssues],
  // api.linear.app unless the connection's apiUrl names a proxy or gateway in front of it.
  network: { allow: ['api.linear.app'], connectionHosts: ['apiUrl'] },
});
