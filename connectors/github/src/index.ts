import { defineConnector } from '@mova/sdk';
import { addIssueLabels } from './actions/add-issue-labels.js';
import { createIssue } from './actions/create-issue.js';
import { createIssueComment } from './actions/create-issue-comment.js';
import { createPull } from './actions/create-pull.js';
import { createRelease } from './actions/create-release.js';
import { dispatchWorkflow } from './actions/dispatch-workflow.js';
import { getIssue } from './actions/get-issue.js';
import { getLatestRelease } from './actions/get-latest-release.js';
import { getPull } from './actions/get-pull.js';
import { getRepository } from './actions/get-repository.js';
import { listIssues } from './actions/list-issues.js';
import { listPulls } from './actions/list-pulls.js';
import { listReleases } from './actions/list-releases.js';
import { mergePull } from './actions/merge-pull.js';
import { searchIssues } from './actions/search-issues.js';
import { searchRepositories } from './actions/search-repositories.js';
import { updateIssue } from './actions/update-issue.js';
import { auth } from './auth.js';
import { issueOpened } from './triggers/issue-opened.js';
import { newIssue } from './triggers/new-issue.js';

export default defineConnector({
  name: 'github',
  title: 'GitHub',
  description:
    'Issues, pull requests, releases, GitHub Actions workflow runs and search on github.com or GitHub Enterprise Server.',
  categories: ['developer-tools'],
  icon: 'https://github.githubassets.com/favicons/favicon.svg',
  auth,
  actions: [
    createIssue,
    getIssue,
    listIssues,
    updateIssue,
    createIssueComment,
    addIssueLabels,
    listPulls,
    getPull,
    createPull,
    mergePull,
    getRepository,
    createRelease,
    listReleases,
    getLatestRelease,
    dispatchWorkflow,
    searchIssues,
    searchRepositories,
  ],
  triggers: [newIssue, issueOpened],
  // Enterprise Server runs on the customer's own host, which only the connection's baseUrl names.
  network: { allow: ['api.github.com'], connectionHosts: ['baseUrl'] },
});
