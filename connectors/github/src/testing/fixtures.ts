/**
 * Response bodies shaped like the examples in GitHub's REST reference (docs.github.com/en/rest), with
 * the fields the connector drops kept in, so the tests prove the mapping picks the right ones.
 */

export const userJson = (login = 'octocat', id = 1) => ({
  login,
  id,
  node_id: 'MDQ6VXNlcjE=',
  avatar_url: 'https://github.com/images/error/octocat_happy.gif',
  gravatar_id: '',
  url: `https://api.github.com/users/${login}`,
  html_url: `https://github.com/${login}`,
  followers_url: `https://api.github.com/users/${login}/followers`,
  repos_url: `https://api.github.com/users/${login}/repos`,
  type: 'User',
  site_admin: false,
});

export const labelJson = {
  id: 208045946,
  node_id: 'MDU6TGFiZWwyMDgwNDU5NDY=',
  url: 'https://api.github.com/repos/octocat/Hello-World/labels/bug',
  name: 'bug',
  description: "Something isn't working",
  color: 'f29513',
  default: true,
};

const milestoneJson = {
  url: 'https://api.github.com/repos/octocat/Hello-World/milestones/1',
  html_url: 'https://github.com/octocat/Hello-World/milestones/v1.0',
  id: 1002604,
  node_id: 'MDk6TWlsZXN0b25lMTAwMjYwNA==',
  number: 1,
  state: 'open',
  title: 'v1.0',
  description: 'Tracking milestone for version 1.0',
  creator: userJson(),
  open_issues: 4,
  closed_issues: 8,
  created_at: '2011-04-10T20:09:31Z',
  updated_at: '2014-03-03T18:58:10Z',
  closed_at: '2013-02-12T13:22:01Z',
  due_on: '2012-10-09T23:39:01Z',
};

/** "Get an issue" example: https://docs.github.com/en/rest/issues/issues#get-an-issue */
export const issueJson = (number = 1347, overrides: Record<string, unknown> = {}) => ({
  id: number,
  node_id: 'MDU6SXNzdWUx',
  url: `https://api.github.com/repos/octocat/Hello-World/issues/${number}`,
  repository_url: 'https://api.github.com/repos/octocat/Hello-World',
  labels_url: `https://api.github.com/repos/octocat/Hello-World/issues/${number}/labels{/name}`,
  comments_url: `https://api.github.com/repos/octocat/Hello-World/issues/${number}/comments`,
  events_url: `https://api.github.com/repos/octocat/Hello-World/issues/${number}/events`,
  html_url: `https://github.com/octocat/Hello-World/issues/${number}`,
  number,
  state: 'open',
  title: 'Found a bug',
  body: "I'm having a problem with this.",
  user: userJson(),
  labels: [labelJson],
  assignee: userJson(),
  assignees: [userJson()],
  milestone: milestoneJson,
  locked: true,
  active_lock_reason: 'too heated',
  comments: 0,
  closed_at: null,
  created_at: '2011-04-22T13:33:48Z',
  updated_at: '2011-04-22T13:33:48Z',
  closed_by: userJson(),
  author_association: 'COLLABORATOR',
  state_reason: null,
  ...overrides,
});

/** An issues-list entry that is a pull request: GitHub marks it with a `pull_request` object. */
export const pullAsIssueJson = (number: number) =>
  issueJson(number, {
    title: 'Amazing new feature',
    pull_request: {
      url: `https://api.github.com/repos/octocat/Hello-World/pulls/${number}`,
      html_url: `https://github.com/octocat/Hello-World/pull/${number}`,
      diff_url: `https://github.com/octocat/Hello-World/pull/${number}.diff`,
      patch_url: `https://github.com/octocat/Hello-World/pull/${number}.patch`,
    },
  });

const branchJson = (ref: string) => ({
  label: `octocat:${ref}`,
  ref,
  sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
  user: userJson(),
  repo: { id: 1296269, name: 'Hello-World', full_name: 'octocat/Hello-World' },
});

/** "List pull requests" entry: https://docs.github.com/en/rest/pulls/pulls#list-pull-requests */
export const pullSummaryJson = (number = 1347) => ({
  url: `https://api.github.com/repos/octocat/Hello-World/pulls/${number}`,
  id: number,
  node_id: 'MDExOlB1bGxSZXF1ZXN0MQ==',
  html_url: `https://github.com/octocat/Hello-World/pull/${number}`,
  diff_url: `https://github.com/octocat/Hello-World/pull/${number}.diff`,
  number,
  state: 'open',
  locked: true,
  title: 'Amazing new feature',
  user: userJson(),
  body: 'Please pull these awesome changes in!',
  labels: [labelJson],
  milestone: milestoneJson,
  active_lock_reason: 'too heated',
  created_at: '2011-01-26T19:01:12Z',
  updated_at: '2011-01-26T19:01:12Z',
  closed_at: '2011-01-26T19:01:12Z',
  merged_at: '2011-01-26T19:01:12Z',
  merge_commit_sha: 'e5bd3914e2e596debea16f433f57875b5b90bcd6',
  assignee: userJson(),
  assignees: [userJson(), userJson('hubot', 2)],
  requested_reviewers: [userJson('other_user', 3)],
  head: branchJson('new-topic'),
  base: branchJson('master'),
  author_association: 'OWNER',
  draft: false,
});

/** "Get a pull request" example: https://docs.github.com/en/rest/pulls/pulls#get-a-pull-request */
export const pullJson = (number = 1347) => ({
  ...pullSummaryJson(number),
  merged: false,
  mergeable: true,
  rebaseable: true,
  mergeable_state: 'clean',
  merged_by: userJson(),
  comments: 10,
  review_comments: 0,
  maintainer_can_modify: true,
  commits: 3,
  additions: 100,
  deletions: 3,
  changed_files: 5,
});

/** "Get a release" example: https://docs.github.com/en/rest/releases/releases#get-a-release */
export const releaseJson = (id = 1, tag = 'v1.0.0') => ({
  url: `https://api.github.com/repos/octocat/Hello-World/releases/${id}`,
  html_url: `https://github.com/octocat/Hello-World/releases/${tag}`,
  assets_url: `https://api.github.com/repos/octocat/Hello-World/releases/${id}/assets`,
  upload_url: `https://uploads.github.com/repos/octocat/Hello-World/releases/${id}/assets{?name,label}`,
  tarball_url: `https://api.github.com/repos/octocat/Hello-World/tarball/${tag}`,
  zipball_url: `https://api.github.com/repos/octocat/Hello-World/zipball/${tag}`,
  id,
  node_id: 'MDc6UmVsZWFzZTE=',
  tag_name: tag,
  target_commitish: 'master',
  name: tag,
  body: 'Description of the release',
  draft: false,
  prerelease: false,
  created_at: '2013-02-27T19:35:32Z',
  published_at: '2013-02-27T19:35:32Z',
  author: userJson(),
  assets: [
    {
      url: 'https://api.github.com/repos/octocat/Hello-World/releases/assets/1',
      browser_download_url: `https://github.com/octocat/Hello-World/releases/download/${tag}/example.zip`,
      id: 1,
      node_id: 'MDEyOlJlbGVhc2VBc3NldDE=',
      name: 'example.zip',
      label: 'short description',
      state: 'uploaded',
      content_type: 'application/zip',
      size: 1024,
      download_count: 42,
      created_at: '2013-02-27T19:35:32Z',
      updated_at: '2013-02-27T19:35:32Z',
      uploader: userJson(),
    },
  ],
});

/** "Get a repository" example: https://docs.github.com/en/rest/repos/repos#get-a-repository */
export const repositoryJson = () => ({
  id: 1296269,
  node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5',
  name: 'Hello-World',
  full_name: 'octocat/Hello-World',
  owner: userJson(),
  private: false,
  html_url: 'https://github.com/octocat/Hello-World',
  description: 'This your first repo!',
  fork: false,
  url: 'https://api.github.com/repos/octocat/Hello-World',
  homepage: 'https://github.com',
  language: null,
  forks_count: 9,
  stargazers_count: 80,
  watchers_count: 80,
  size: 108,
  default_branch: 'master',
  open_issues_count: 0,
  is_template: false,
  topics: ['octocat', 'atom', 'electron', 'api'],
  has_issues: true,
  archived: false,
  disabled: false,
  visibility: 'public',
  pushed_at: '2011-01-26T19:06:43Z',
  created_at: '2011-01-26T19:01:12Z',
  updated_at: '2011-01-26T19:14:43Z',
  permissions: { admin: false, push: false, pull: true },
  license: { key: 'mit', name: 'MIT License', spdx_id: 'MIT' },
  forks: 1,
  open_issues: 1,
  watchers: 1,
});

/** GitHub's error body: https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api */
export const notFoundJson = {
  message: 'Not Found',
  documentation_url: 'https://docs.github.com/rest',
  status: '404',
};

export const badCredentialsJson = {
  message: 'Bad credentials',
  documentation_url: 'https://docs.github.com/rest',
  status: '401',
};
