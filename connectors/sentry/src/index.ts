import { defineConnector } from '@mova/sdk';
import { createRelease } from './actions/create-release.js';
import { getIssue } from './actions/get-issue.js';
import { listIssueEvents } from './actions/list-issue-events.js';
import { listIssues } from './actions/list-issues.js';
import { listProjects } from './actions/list-projects.js';
import { updateIssue } from './actions/update-issue.js';
import { auth } from './auth.js';
import { newIssues } from './triggers/new-issues.js';

export default defineConnector({
  name: 'sentry',
  title: 'Sentry',
  description:
    'Search, read, resolve, ignore and assign Sentry issues, list their events, create releases, list projects, and start workflows on new issues, on sentry.io (US or EU) or a self-hosted Sentry.',
  categories: ['developer-tools', 'monitoring'],
  auth,
  actions: [listIssues, getIssue, updateIssue, listIssueEvents, createRelease, listProjects],
  triggers: [newIssues],
  // sentry.io and its regional hosts (us.sentry.io, de.sentry.io); a self-hosted Sentry is reached at
  // the host its connection's url names.
  network: { allow: ['sentry.io', '*.sentry.io'], connectionHosts: ['url'] },
});
